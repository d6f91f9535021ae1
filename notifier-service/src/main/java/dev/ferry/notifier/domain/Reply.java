package dev.ferry.notifier.domain;

import java.util.Map;

/**
 * A thread reply an event calls for, before routing and wording: its kind, environment and template values, and
 * whether it is an alert (also sent to the alerts channel).
 */
public record Reply(ReplyKind kind, String environment, Map<String, String> values, boolean alert) {

    public Reply {
        values = Map.copyOf(values);
    }

    /** A reply that is an alert when its kind always is. */
    public Reply(ReplyKind kind, String environment, Map<String, String> values) {
        this(kind, environment, values, kind.alert());
    }
}
