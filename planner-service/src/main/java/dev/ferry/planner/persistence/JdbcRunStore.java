package dev.ferry.planner.persistence;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs in PostgreSQL. Each write is one transaction (or, in a batch, one savepoint of the batch's transaction) holding
 * the handled event's id, the state change and the outbox rows of the events it causes. Outbox writes are serialised by a transaction-scoped advisory lock, so outbox
 * positions grow in commit order: the relay can then tell by position alone what it already published.
 */
public final class JdbcRunStore implements RunStore {

    /** Arbitrary constant naming the planner's outbox lock. */
    private static final long OUTBOX_LOCK = 0x66657272_79L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate writes;
    private final Clock clock;
    private final CrashPoint crash;

    public JdbcRunStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, CrashPoint crash) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        // Alone, a write is its own transaction; inside inOneTransaction it is a savepoint of the batch's.
        this.writes = new TransactionTemplate(transactions.getTransactionManager());
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.crash = crash;
    }

    @Override
    public boolean create(RunHeader header, String eventId, List<OutboxMessage> messages) {
        return inTransaction(() -> {
            if (!markHandled(eventId)) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO migration (id, plan_name, plan_document, parameters, origin, state, started_at,"
                            + " finished_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    header.id(),
                    header.planName(),
                    header.planDocument(),
                    InputJson.write(header.parameters()),
                    InputJson.write(header.origin()),
                    header.state().name(),
                    timestamp(header.startedAt()),
                    timestamp(header.finishedAt()),
                    timestamp(clock.instant()));
            writeOutbox(messages);
            return true;
        });
    }

    @Override
    public boolean append(
            String migrationId, JournalEntry entry, List<OutboxMessage> messages, RunState state, Instant finishedAt) {
        return inTransaction(() -> {
            if (!markHandled(entry.eventId())) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO run_input (migration_id, sequence, event_id, input, handled_at) VALUES (?, ?, ?, ?, ?)",
                    migrationId,
                    entry.sequence(),
                    entry.eventId(),
                    InputJson.write(entry.input()),
                    timestamp(entry.at()));
            jdbc.update(
                    "UPDATE migration SET state = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                    state.name(),
                    timestamp(finishedAt),
                    timestamp(clock.instant()),
                    migrationId);
            writeOutbox(messages);
            return true;
        });
    }

    @Override
    public boolean handledAlone(String eventId, List<OutboxMessage> messages) {
        return inTransaction(() -> {
            if (!markHandled(eventId)) {
                return false;
            }
            writeOutbox(messages);
            return true;
        });
    }

    @Override
    public boolean recordDelivery(
            String deliveryId, String eventType, String repository, String payload, OutboxMessage event) {
        return inTransaction(() -> {
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
            writeOutbox(List.of(event));
            return true;
        });
    }

    @Override
    public boolean handled(String eventId) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM handled_event WHERE event_id = ?", Integer.class, eventId);
        return count != null && count > 0;
    }

    @Override
    public Optional<StoredRun> load(String migrationId) {
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

    private boolean markHandled(String eventId) {
        int inserted = jdbc.update(
                "INSERT INTO handled_event (event_id, handled_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING",
                eventId,
                timestamp(clock.instant()));
        return inserted == 1;
    }

    private void writeOutbox(List<OutboxMessage> messages) {
        if (!messages.isEmpty()) {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", OUTBOX_LOCK);
            Timestamp now = timestamp(clock.instant());
            jdbc.batchUpdate(
                    "INSERT INTO outbox (id, topic, record_key, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    messages.stream()
                            .map(m -> new Object[] {m.id(), m.topic(), m.key(), m.payload(), now})
                            .toList());
        }
        crash.reached(CrashPoint.BEFORE_COMMIT);
    }

    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private <T> T inTransaction(Supplier<T> work) {
        return writes.execute(status -> work.get());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
