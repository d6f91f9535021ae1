package dev.ferry.runtime;

import dev.ferry.contracts.Topics;
import java.util.Map;

/**
 * The names of the workers' Spring Cloud Stream functions (their {@code Consumer} beans) and the topics they read: a
 * worker names its bean after the topic, lists it in {@code spring.cloud.function.definition}, and the binding to the
 * topic comes from {@link StreamDefaults}.
 */
public final class StreamBindings {

    /** A worker's consumer of {@code phase.started}. */
    public static final String PHASE_STARTED = "phaseStarted";

    /** build-service's consumer of {@code github.webhooks}. */
    public static final String GITHUB_WEBHOOKS = "githubWebhooks";

    private StreamBindings() {}

    /** Each function's input binding and the topic it reads. */
    static Map<String, String> destinations() {
        return Map.of(
                PHASE_STARTED + "-in-0", Topics.PHASE_STARTED.name(),
                GITHUB_WEBHOOKS + "-in-0", Topics.GITHUB_WEBHOOKS.name());
    }
}
