package dev.ferry.notifier.domain;

import java.time.Instant;
import java.util.Objects;

/** Which event, of which run, and when it happened: what every notification is traced back to. */
public record EventRef(String eventId, String migrationId, Instant occurredAt) {

    public EventRef {
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("an event without an event id cannot be deduplicated");
        }
        if (migrationId == null || migrationId.isBlank()) {
            throw new IllegalArgumentException("event " + eventId + " names no migration, so it belongs to no thread");
        }
    }
}
