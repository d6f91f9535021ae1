package dev.ferry.planner.app;

import java.util.UUID;

/**
 * An event encoded for Kafka, written to the outbox in the transaction of the state change that caused it.
 *
 * @param id the event's own id ({@code metadata.eventId}); the outbox row's key
 */
public record OutboxMessage(UUID id, String topic, String key, byte[] payload) {}
