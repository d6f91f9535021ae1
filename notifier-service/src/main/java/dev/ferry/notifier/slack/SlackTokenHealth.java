package dev.ferry.notifier.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Readiness of the Slack sink: {@code auth.test} with the configured token. An invalid or revoked token makes the
 * notifier not ready, with a message saying which setting to fix; the token itself is never shown.
 */
public final class SlackTokenHealth implements HealthIndicator {

    static final String TOKEN_SETTING = "ferry.notifier.slack.token (env SLACK_BOT_TOKEN)";

    private final MethodsClient methods;

    public SlackTokenHealth(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public Health health() {
        AuthTestResponse response;
        try {
            response = methods.authTest(r -> r);
        } catch (SlackApiException e) {
            return Health.down()
                    .withDetail(
                            "error",
                            "Slack auth.test answered HTTP " + e.getResponse().code())
                    .build();
        } catch (IOException e) {
            return Health.down()
                    .withDetail("error", "Slack is unreachable: " + e.getClass().getSimpleName())
                    .build();
        }
        if (!response.isOk()) {
            return Health.down()
                    .withDetail(
                            "error",
                            "Slack rejected the bot token (" + response.getError() + "); set a valid" + " token in "
                                    + TOKEN_SETTING + ". Notifications wait until it is fixed.")
                    .build();
        }
        return Health.up()
                .withDetail("team", String.valueOf(response.getTeam()))
                .withDetail("bot", String.valueOf(response.getUser()))
                .build();
    }
}
