package dev.ferry.notifier.domain;

import java.util.Map;

/** A thread reply an event calls for, before routing and wording: its kind, environment and template values. */
public record Reply(ReplyKind kind, String environment, Map<String, String> values) {

    public Reply {
        values = Map.copyOf(values);
    }
}
