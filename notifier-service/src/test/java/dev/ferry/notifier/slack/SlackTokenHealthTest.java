package dev.ferry.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class SlackTokenHealthTest {

    private final SlackStandIn slack = new SlackStandIn();

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackTokenHealth health(String token) {
        return new SlackTokenHealth(
                SlackChatSinkTest.slackClient(slack.apiUrl(), 5_000).methods(token));
    }

    @Test
    void anInvalidTokenMakesTheNotifierNotReadyAndSaysWhatToFix() {
        slack.answer("auth.test", "{\"ok\":false,\"error\":\"invalid_auth\"}");

        var health = health("xoxb-revoked-secret").health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error"))
                .isEqualTo("Slack rejected the bot token (invalid_auth); set a valid token in"
                        + " ferry.notifier.slack.token (env SLACK_BOT_TOKEN). Notifications wait until it is fixed.");
        assertThat(health.toString()).doesNotContain("xoxb-revoked-secret");
    }

    @Test
    void aValidTokenIsReady() {
        slack.answer("auth.test", "{\"ok\":true,\"team\":\"FitSync\",\"user\":\"ferry\"}");

        var health = health("xoxb-good").health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("team", "FitSync");
        assertThat(slack.requests("auth.test").getFirst().getHeader("Authorization"))
                .isEqualTo("Bearer xoxb-good");
    }

    @Test
    void anUnreachableSlackIsNotReady() {
        slack.answerStatus("auth.test", 503, java.util.Map.of());

        assertThat(health("xoxb-good").health().getStatus()).isEqualTo(Status.DOWN);
    }
}
