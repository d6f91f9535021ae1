package dev.ferry.planner.persistence;

import dev.ferry.planner.app.CommandAudit;
import dev.ferry.planner.app.JournalEntry;
import dev.ferry.planner.app.OutboxMessage;
import dev.ferry.planner.app.RunHeader;
import dev.ferry.planner.domain.run.RunState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes held in memory until their transaction is about to commit, then stored a table at a time, each table in one
 * JDBC batch: a poll of events costs a handful of round trips to PostgreSQL instead of several per event. Outbox rows
 * keep the order they were added in, so their positions follow the order the events were caused in.
 */
final class PendingWrites {

    /** Arbitrary constant naming the planner's outbox lock. */
    private static final long OUTBOX_LOCK = 0x66657272_79L;

    /** Every event id handled here, stored or not: a second delivery within the same poll is a duplicate too. */
    private final Set<String> seen = new LinkedHashSet<>();

    private final Set<String> handled = new LinkedHashSet<>();
    private final List<RunHeader> created = new ArrayList<>();
    private final List<Object[]> journal = new ArrayList<>();
    /** Each changed run's latest state: a run changed by ten events of a poll is updated once. */
    private final Map<String, Ending> states = new LinkedHashMap<>();

    private final List<OutboxMessage> outbox = new ArrayList<>();
    private final List<CommandAudit> audit = new ArrayList<>();

    /** Whether the event was handled by a write made here. */
    boolean handled(String eventId) {
        return seen.contains(eventId);
    }

    void handle(String eventId) {
        seen.add(eventId);
        handled.add(eventId);
    }

    void create(RunHeader header) {
        created.add(header);
    }

    void append(String migrationId, JournalEntry entry, RunState state, Instant finishedAt) {
        journal.add(new Object[] {
            migrationId, entry.sequence(), entry.eventId(), InputJson.write(entry.input()), timestamp(entry.at())
        });
        states.put(migrationId, new Ending(state, finishedAt));
    }

    void publish(List<OutboxMessage> messages) {
        outbox.addAll(messages);
    }

    void audit(List<CommandAudit> lines) {
        audit.addAll(lines);
    }

    boolean isEmpty() {
        return handled.isEmpty() && outbox.isEmpty();
    }

    /**
     * Stores the held writes and forgets them. Returns false, storing nothing else, when one of the events was handled
     * by a transaction that committed after this one looked (the caller rolls back or drops the write).
     */
    boolean store(JdbcTemplate jdbc, Timestamp now) {
        try {
            if (!markHandled(jdbc, now)) {
                return false;
            }
            insertRuns(jdbc, now);
            batch(
                    jdbc,
                    "INSERT INTO run_input (migration_id, sequence, event_id, input, handled_at) VALUES (?, ?, ?, ?, ?)",
                    journal);
            batch(
                    jdbc,
                    "UPDATE migration SET state = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                    states.entrySet().stream()
                            .map(run -> new Object[] {
                                run.getValue().state().name(),
                                timestamp(run.getValue().finishedAt()),
                                now,
                                run.getKey()
                            })
                            .toList());
            writeOutbox(jdbc, now);
            batch(
                    jdbc,
                    "INSERT INTO command_audit (migration_id, command_id, command, issued_by, roles, applied, reason,"
                            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    audit.stream()
                            .map(line -> new Object[] {
                                line.migrationId(),
                                line.commandId(),
                                line.command(),
                                line.issuedBy(),
                                line.roles() == null ? null : InputJson.write(line.roles()),
                                line.applied(),
                                line.reason(),
                                timestamp(line.at())
                            })
                            .toList());
            return true;
        } finally {
            handled.clear();
            created.clear();
            journal.clear();
            states.clear();
            outbox.clear();
            audit.clear();
        }
    }

    private boolean markHandled(JdbcTemplate jdbc, Timestamp now) {
        int[] inserted = batch(
                jdbc,
                "INSERT INTO handled_event (event_id, handled_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING",
                handled.stream().map(id -> new Object[] {id, now}).toList());
        return Arrays.stream(inserted).allMatch(count -> count == 1);
    }

    private void insertRuns(JdbcTemplate jdbc, Timestamp now) {
        batch(
                jdbc,
                "INSERT INTO migration (id, plan_name, plan_document, parameters, origin, state, started_at,"
                        + " finished_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                created.stream()
                        .map(header -> new Object[] {
                            header.id(),
                            header.planName(),
                            header.planDocument(),
                            InputJson.write(header.parameters()),
                            InputJson.write(header.origin()),
                            header.state().name(),
                            timestamp(header.startedAt()),
                            timestamp(header.finishedAt()),
                            now
                        })
                        .toList());
    }

    /**
     * Outbox writes are serialised by a transaction-scoped advisory lock, so outbox positions grow in commit order:
     * the relay can then tell by position alone what it already published.
     */
    static void writeOutbox(JdbcTemplate jdbc, List<OutboxMessage> messages, Timestamp now) {
        if (!messages.isEmpty()) {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", OUTBOX_LOCK);
            batch(
                    jdbc,
                    "INSERT INTO outbox (id, topic, record_key, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    messages.stream()
                            .map(m -> new Object[] {m.id(), m.topic(), m.key(), m.payload(), now})
                            .toList());
        }
    }

    private void writeOutbox(JdbcTemplate jdbc, Timestamp now) {
        writeOutbox(jdbc, outbox, now);
    }

    /** One JDBC batch: the statements go out together, not one round trip each. */
    private static int[] batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        return rows.isEmpty() ? new int[0] : jdbc.batchUpdate(sql, rows);
    }

    /** Where a run stands after the last of its changes held here. */
    private record Ending(RunState state, Instant finishedAt) {}

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
