package dev.ferry.notifier.domain;

import java.time.Instant;

/**
 * One message still to be posted: into the run's thread in {@code channel}, or on its own (an alert).
 *
 * @param id unique per event and target, so a sink can tell whether it already holds this message
 * @param occurredAt when its event happened; messages waiting together go out in this order
 */
public record Delivery(
        String id, String eventId, ReplyKind kind, String channel, boolean threaded, String text, Instant occurredAt) {}
