package dev.ferry.notifier.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Which channel hears about which run: a channel per plan and per environment of a plan, a default for everything
 * else, and an optional alerts channel that also gets failures and approvals.
 */
public record Routing(String defaultChannel, Optional<String> alertsChannel, Map<String, PlanChannels> plans) {

    public Routing {
        requireChannel(defaultChannel, "the default channel");
        alertsChannel.ifPresent(c -> requireChannel(c, "the alerts channel"));
        plans = Map.copyOf(plans);
    }

    public static Routing to(String defaultChannel) {
        return new Routing(defaultChannel, Optional.empty(), Map.of());
    }

    /** The channel of a plan's run, or of one of its environments when that has its own. */
    public String channelFor(String plan, String environment) {
        PlanChannels planChannels = plans.get(plan);
        if (planChannels == null) {
            return defaultChannel;
        }
        if (environment != null && planChannels.environments().containsKey(environment)) {
            return planChannels.environments().get(environment);
        }
        return planChannels.channel().orElse(defaultChannel);
    }

    /** A plan's own channel, if any, and channels for some of its environments. */
    public record PlanChannels(Optional<String> channel, Map<String, String> environments) {
        public PlanChannels {
            channel.ifPresent(c -> requireChannel(c, "a plan's channel"));
            environments.forEach((env, c) -> requireChannel(c, "the channel of environment " + env));
            environments = Map.copyOf(environments);
        }
    }

    private static void requireChannel(String channel, String what) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; name a channel such as #migrations or an id");
        }
    }
}
