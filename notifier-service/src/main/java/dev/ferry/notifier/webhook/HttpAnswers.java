package dev.ferry.notifier.webhook;

import dev.ferry.notifier.domain.ChatFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Classifies a webhook's HTTP answer the way Slack's are: 429 waits as told, 5xx is retried, other 4xx is refused. */
final class HttpAnswers {

    private HttpAnswers() {}

    /** Throws unless {@code status} is a success; {@code what} names the sink, never its URL. */
    static void check(String what, int status, Map<String, List<String>> headers, String body) {
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 429) {
            Duration wait = retryAfter(headers);
            throw new ChatFailure(
                    ChatFailure.Kind.RATE_LIMITED,
                    what + " is rate limited; it asked to wait " + wait.toSeconds() + " s",
                    wait,
                    null);
        }
        ChatFailure.Kind kind = status >= 500 ? ChatFailure.Kind.UNAVAILABLE : ChatFailure.Kind.REJECTED;
        throw new ChatFailure(kind, what + " answered HTTP " + status + ": " + abbreviate(body));
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Retry-After"))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .map(HttpAnswers::seconds)
                .orElse(Duration.ofSeconds(1));
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
