package dev.ferry.notifier.slack;

import com.slack.api.methods.SlackApiException;
import dev.ferry.notifier.domain.ChatFailure;
import java.time.Duration;

/** Classifies Slack's non-200 answers: 429 names its wait in Retry-After, 5xx may pass, anything else will not. */
final class SlackFailures {

    /** Wait when a 429 carries no usable Retry-After; Slack's own advice is at least a second. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

    private SlackFailures() {}

    static ChatFailure fromHttp(String method, SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            Duration wait = retryAfter(e.getResponse().header("Retry-After"));
            return new ChatFailure(
                    ChatFailure.Kind.RATE_LIMITED,
                    "Slack " + method + " is rate limited; it asked to wait " + wait.toSeconds() + " s",
                    wait,
                    e);
        }
        if (status >= 500) {
            return new ChatFailure(
                    ChatFailure.Kind.UNAVAILABLE, "Slack " + method + " answered HTTP " + status, null, e);
        }
        if (e.getError() != null && e.getError().getError() != null) {
            return SlackChatSink.fromError(method, e.getError().getError());
        }
        return new ChatFailure(ChatFailure.Kind.REJECTED, "Slack " + method + " answered HTTP " + status, null, e);
    }

    /** Retry-After in seconds, as Slack sends it; an HTTP date or garbage falls back to the default wait. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return DEFAULT_RATE_LIMIT_WAIT;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? DEFAULT_RATE_LIMIT_WAIT : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            return DEFAULT_RATE_LIMIT_WAIT;
        }
    }
}
