package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.RunState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Durable runs: each write stores a state change and the events it causes in one transaction, and remembers the id
 * of the command or event that caused it, so that a second delivery of the same event changes nothing.
 */
public interface RunStore {

    /**
     * Stores a new run, the events its start caused and the start command's audit line (when a person started it);
     * false (nothing written) when the event was handled before.
     */
    boolean create(RunHeader header, String eventId, List<OutboxMessage> messages, List<CommandAudit> audit);

    default boolean create(RunHeader header, String eventId, List<OutboxMessage> messages) {
        return create(header, eventId, messages, List.of());
    }

    /**
     * Appends to a run's journal, with the command's audit line when the entry is a command; false (nothing written)
     * when the entry's event was handled before.
     */
    boolean append(
            String migrationId,
            JournalEntry entry,
            List<OutboxMessage> messages,
            RunState state,
            Instant finishedAt,
            List<CommandAudit> audit);

    default boolean append(
            String migrationId, JournalEntry entry, List<OutboxMessage> messages, RunState state, Instant finishedAt) {
        return append(migrationId, entry, messages, state, finishedAt, List.of());
    }

    /** Records an event handled without a run (a refused command) and its audit line; false when handled before. */
    boolean handledAlone(String eventId, List<OutboxMessage> messages, List<CommandAudit> audit);

    /** The audit log of a run's commands (refusals included), oldest first. */
    List<CommandAudit> audit(String migrationId);

    /** Records a verified GitHub delivery and the event announcing it; false when its id was recorded before. */
    boolean recordDelivery(String deliveryId, String eventType, String repository, String payload, OutboxMessage event);

    boolean handled(String eventId);

    /**
     * Runs {@code work} in one transaction: the writes it makes are held and stored together before the commit, and
     * the ids of the events it handles ({@code eventIds}) are looked up once, at the start, instead of one by one.
     */
    <T> T inOneTransaction(Collection<String> eventIds, Supplier<T> work);

    Optional<StoredRun> load(String migrationId);

    /** Every run, newest first. */
    List<RunHeader> headers();

    /**
     * The last journal sequence of each run that has not ended (0 for a run with no entry yet): what another planner
     * sharing the database has done since this one loaded a run shows as a higher sequence.
     */
    Map<String, Integer> unfinishedRunSequences();

    /** A run and the inputs it handled after its start, in order. */
    record StoredRun(RunHeader header, List<JournalEntry> journal) {}
}
