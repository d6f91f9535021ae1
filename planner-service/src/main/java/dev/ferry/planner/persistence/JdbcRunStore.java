package dev.ferry.planner.persistence;

import dev.ferry.planner.app.CommandAudit;
import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.app.JournalEntry;
import dev.ferry.planner.app.OutboxMessage;
import dev.ferry.planner.app.RunHeader;
import dev.ferry.planner.app.RunStore;
import dev.ferry.planner.domain.run.RunState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs in PostgreSQL. Each write is one transaction holding the handled event's id, the state change and the outbox
 * rows of the events it causes; inside {@link #inOneTransaction} the writes are held and stored together just before
 * the batch's transaction commits.
 */
public final class JdbcRunStore implements RunStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CrashPoint crash;
    /** The open batch of the calling thread (Spring binds its transaction to the thread too), or none. */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    public JdbcRunStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, CrashPoint crash) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.crash = crash;
    }

    @Override
    public boolean create(RunHeader header, String eventId, List<OutboxMessage> messages, List<CommandAudit> audit) {
        return write(eventId, pending -> {
            pending.create(header);
            pending.publish(messages);
            pending.audit(audit);
        });
    }

    @Override
    public boolean append(
            String migrationId,
            JournalEntry entry,
            List<OutboxMessage> messages,
            RunState state,
            Instant finishedAt,
            List<CommandAudit> audit) {
        return write(entry.eventId(), pending -> {
            pending.append(migrationId, entry, state, finishedAt);
            pending.publish(messages);
            pending.audit(audit);
        });
    }

    @Override
    public boolean handledAlone(String eventId, List<OutboxMessage> messages, List<CommandAudit> audit) {
        return write(eventId, pending -> {
            pending.publish(messages);
            pending.audit(audit);
        });
    }

    @Override
    public List<CommandAudit> audit(String migrationId) {
        return jdbc.query(
                "SELECT migration_id, command_id, command, issued_by, roles, applied, reason, recorded_at"
                        + " FROM command_audit WHERE migration_id = ? ORDER BY position",
                (row, index) -> new CommandAudit(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        InputJson.readList(row.getString(5)),
                        row.getBoolean(6),
                        row.getString(7),
                        row.getTimestamp(8).toInstant()),
                migrationId);
    }

    /** Holds the write in the open batch, or stores it at once in a transaction of its own. */
    private boolean write(String eventId, Consumer<PendingWrites> change) {
        Batch open = batch.get();
        if (open != null) {
            if (handled(eventId)) {
                return false;
            }
            open.pending().handle(eventId);
            change.accept(open.pending());
            return true;
        }
        return inTransaction(() -> {
            var alone = new PendingWrites();
            alone.handle(eventId);
            change.accept(alone);
            return store(alone);
        });
    }

    @Override
    public boolean recordDelivery(
            String deliveryId, String eventType, String repository, String payload, OutboxMessage event) {
        return inTransaction(() -> {
            storeOpenBatch();
            int inserted = jdbc.update(
                    "INSERT INTO github_delivery (delivery_id, event_type, repository, payload, received_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING",
                    deliveryId,
                    eventType,
                    repository,
                    payload,
                    timestamp(clock.instant()));
            if (inserted == 0) {
                return false;
            }
            PendingWrites.writeOutbox(jdbc, List.of(event), timestamp(clock.instant()));
            crash.reached(CrashPoint.BEFORE_COMMIT);
            return true;
        });
    }

    @Override
    public boolean handled(String eventId) {
        Batch open = batch.get();
        if (open != null
                && (open.pending().handled(eventId) || open.handledBefore().contains(eventId))) {
            return true;
        }
        if (open != null && open.lookedUp().contains(eventId)) {
            return false;
        }
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM handled_event WHERE event_id = ?", Integer.class, eventId);
        return count != null && count > 0;
    }

    @Override
    public Optional<StoredRun> load(String migrationId) {
        // A run rebuilt inside a batch must see the journal entries the batch holds.
        storeOpenBatch();
        List<RunHeader> headers = jdbc.query(HEADER_QUERY + " WHERE id = ?", JdbcRunStore::header, migrationId);
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        List<JournalEntry> journal = jdbc.query(
                "SELECT sequence, event_id, input, handled_at FROM run_input WHERE migration_id = ? ORDER BY sequence",
                (row, n) -> new JournalEntry(
                        row.getInt("sequence"),
                        row.getString("event_id"),
                        InputJson.readInput(row.getString("input")),
                        row.getTimestamp("handled_at").toInstant()),
                migrationId);
        return Optional.of(new StoredRun(headers.getFirst(), journal));
    }

    @Override
    public List<RunHeader> headers() {
        return jdbc.query(HEADER_QUERY + " ORDER BY started_at DESC, id", JdbcRunStore::header);
    }

    @Override
    public Map<String, Integer> unfinishedRunSequences() {
        var sequences = new LinkedHashMap<String, Integer>();
        jdbc.query(
                "SELECT m.id, COALESCE(MAX(r.sequence), 0) FROM migration m"
                        + " LEFT JOIN run_input r ON r.migration_id = m.id"
                        + " WHERE m.state <> ALL (?) GROUP BY m.id",
                row -> {
                    sequences.put(row.getString(1), row.getInt(2));
                },
                (Object) FINAL_STATES);
        return sequences;
    }

    /** What one pruning removed. */
    public record Pruned(int outboxRows, int handledEvents, int deliveries) {}

    /**
     * Removes what the planner no longer needs: outbox rows the relay published (at or below {@code publishedUpTo})
     * and older than {@code before}, and handled event ids and GitHub deliveries older than {@code before}. The runs'
     * journals and the command audit are kept.
     */
    public Pruned prune(long publishedUpTo, Instant before) {
        Timestamp cutoff = Timestamp.from(before);
        return transactions.execute(status -> new Pruned(
                jdbc.update("DELETE FROM outbox WHERE position <= ? AND created_at < ?", publishedUpTo, cutoff),
                jdbc.update("DELETE FROM handled_event WHERE handled_at < ?", cutoff),
                jdbc.update("DELETE FROM github_delivery WHERE received_at < ?", cutoff)));
    }

    private static final String[] FINAL_STATES = Arrays.stream(RunState.values())
            .filter(RunState::isFinal)
            .map(RunState::name)
            .toArray(String[]::new);

    private static final String HEADER_QUERY =
            "SELECT id, plan_name, plan_document, parameters, origin, state, started_at, finished_at FROM migration";

    private static RunHeader header(ResultSet row, int n) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        return new RunHeader(
                row.getString("id"),
                row.getString("plan_name"),
                row.getString("plan_document"),
                InputJson.readMap(row.getString("parameters")),
                InputJson.readOrigin(row.getString("origin")),
                RunState.valueOf(row.getString("state")),
                row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    @Override
    public <T> T inOneTransaction(Collection<String> eventIds, Supplier<T> work) {
        return transactions.execute(status -> {
            batch.set(new Batch(Set.copyOf(eventIds), handledAmong(eventIds), new PendingWrites()));
            try {
                T result = work.get();
                storeOpenBatch();
                return result;
            } finally {
                batch.remove();
            }
        });
    }

    /** The event ids of a poll that were handled before, in one query. */
    private Set<String> handledAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.query(
                "SELECT event_id FROM handled_event WHERE event_id = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", eventIds.toArray())),
                (row, n) -> row.getString(1)));
    }

    private void storeOpenBatch() {
        Batch open = batch.get();
        if (open != null && !open.pending().isEmpty() && !store(open.pending())) {
            throw new ConcurrencyFailureException(
                    "an event of this poll was handled by another writer while the poll was open");
        }
    }

    private boolean store(PendingWrites pending) {
        boolean stored = pending.store(jdbc, timestamp(clock.instant()));
        if (stored) {
            crash.reached(CrashPoint.BEFORE_COMMIT);
        }
        return stored;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /**
     * A batch's transaction: the ids it looked up at the start, those of them handled before, and its held writes.
     */
    private record Batch(Set<String> lookedUp, Set<String> handledBefore, PendingWrites pending) {}

    private static Timestamp timestamp(Instant instant) {
        return PendingWrites.timestamp(instant);
    }
}
