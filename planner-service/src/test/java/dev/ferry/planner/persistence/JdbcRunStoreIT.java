package dev.ferry.planner.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.planner.app.CommandAudit;
import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.app.JournalEntry;
import dev.ferry.planner.app.OutboxMessage;
import dev.ferry.planner.app.RunHeader;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.RunState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's batch against PostgreSQL: writes held until the batch ends are stored then, in order, and an event id is
 * handled once whether it comes twice in one poll, in a later poll, or alone.
 */
class JdbcRunStoreIT {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    static Path data;

    private static PlannerDatabase database;
    private static JdbcTemplate jdbc;
    private static JdbcRunStore store;

    @BeforeAll
    static void startDatabase() {
        database = PlannerDatabase.embedded(data.resolve("postgres"));
        database.applySchema();
        jdbc = new JdbcTemplate(database.dataSource());
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        store = new JdbcRunStore(jdbc, transactions, Clock.fixed(AT, ZoneOffset.UTC), CrashPoint.NONE);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void anEventTwiceInOnePollIsStoredOnceWithTheWritesBeforeIt() {
        String run = newRun();
        String event = UUID.randomUUID().toString();

        List<Boolean> written = store.inOneTransaction(
                List.of(event, event), () -> List.of(append(run, 1, event), append(run, 2, event)));

        assertThat(written).containsExactly(true, false);
        assertThat(journalOf(run)).containsExactly(event);
        assertThat(outboxKeys(run)).containsExactly(run + "/1");
    }

    @Test
    void theAuditLogKeepsEachCommandWithItsChangeAndCannotBeRewritten() {
        String run = newRun();
        String approval = UUID.randomUUID().toString();
        var line = new CommandAudit(run, approval, "approve", "pat (cli)", List.of("approver:prod"), true, null, AT);
        store.inOneTransaction(
                List.of(approval),
                () -> store.append(
                        run,
                        new JournalEntry(1, approval, new RunInput.Approve("deploy-prod", "prod", "pat (cli)"), AT),
                        List.of(),
                        RunState.RUNNING,
                        null,
                        List.of(line)));
        assertThat(store.append(
                        run,
                        new JournalEntry(2, approval, new RunInput.Approve("deploy-prod", "prod", "pat (cli)"), AT),
                        List.of(),
                        RunState.RUNNING,
                        null,
                        List.of(line)))
                .as("a second delivery of the approval writes no second audit line")
                .isFalse();

        assertThat(store.audit(run)).containsExactly(line);
        assertThatThrownBy(
                        () -> jdbc.update("UPDATE command_audit SET issued_by = 'mallory' WHERE migration_id = ?", run))
                .hasMessageContaining("command_audit is append-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM command_audit WHERE migration_id = ?", run))
                .hasMessageContaining("command_audit is append-only: DELETE refused");
        assertThat(store.audit(run)).containsExactly(line);
    }

    @Test
    void anEventHandledInAnEarlierPollOrAloneIsDroppedInTheNextOne() {
        String run = newRun();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        store.inOneTransaction(List.of(first), () -> append(run, 1, first));
        assertThat(append(run, 2, second)).isTrue();

        List<Boolean> again = store.inOneTransaction(
                List.of(first, second),
                () -> List.of(store.handled(first), store.handled(second), append(run, 3, first)));

        assertThat(again).containsExactly(true, true, false);
        assertThat(append(run, 4, second)).isFalse();
        assertThat(journalOf(run)).containsExactly(first, second);
    }

    @Test
    void aRunReadInsideABatchSeesTheEntriesTheBatchHolds() {
        String run = newRun();
        String event = UUID.randomUUID().toString();

        int journal = store.inOneTransaction(List.of(event), () -> {
            append(run, 1, event);
            return store.load(run).orElseThrow().journal().size();
        });

        assertThat(journal).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT state FROM migration WHERE id = ?", String.class, run))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aBatchThatFailsStoresNothing() {
        String run = newRun();
        String event = UUID.randomUUID().toString();

        assertThatThrownBy(() -> store.inOneTransaction(List.of(event), () -> {
                    append(run, 1, event);
                    throw new IllegalStateException("the poll failed");
                }))
                .hasMessage("the poll failed");

        assertThat(store.handled(event)).isFalse();
        assertThat(journalOf(run)).isEmpty();
        assertThat(outboxKeys(run)).isEmpty();
    }

    @Test
    void pruningRemovesPublishedOutboxRowsHandledEventsAndDeliveriesPastTheRetentionAndKeepsTheJournal() {
        String run = newRun();
        append(run, 1, "prune-1-" + run);
        append(run, 2, "prune-2-" + run);
        append(run, 3, "prune-3-" + run);
        store.recordDelivery(
                "delivery-" + run,
                "push",
                "acme/shop",
                "{}",
                new OutboxMessage(UUID.randomUUID(), "github.webhooks", "acme/shop", new byte[] {1}));
        List<Long> positions = jdbc.queryForList(
                "SELECT position FROM outbox WHERE record_key LIKE ? ORDER BY position", Long.class, run + "/%");

        assertThat(store.prune(positions.get(1), AT.minusSeconds(1)))
                .as("nothing is older than the retention yet")
                .isEqualTo(new JdbcRunStore.Pruned(0, 0, 0));
        JdbcRunStore.Pruned pruned = store.prune(positions.get(1), AT.plusSeconds(1));

        assertThat(outboxKeys(run))
                .as("the row the relay has not published stays")
                .containsExactly(run + "/3");
        assertThat(pruned.outboxRows()).isGreaterThanOrEqualTo(2);
        assertThat(store.handled("prune-1-" + run)).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM github_delivery WHERE delivery_id = ?", Integer.class, "delivery-" + run))
                .isZero();
        assertThat(journalOf(run)).containsExactly("prune-1-" + run, "prune-2-" + run, "prune-3-" + run);
    }

    @Test
    void theSequenceOfEveryRunThatHasNotEndedIsKnownSoAnotherPlannersChangesShow() {
        String open = newRun();
        String ended = newRun();
        var entry = new JournalEntry(1, UUID.randomUUID().toString(), new RunInput.Tick(), AT);
        assertThat(store.append(open, entry, List.of(), RunState.RUNNING, null)).isTrue();
        append(ended, 1, UUID.randomUUID().toString());

        Map<String, Integer> sequences = store.unfinishedRunSequences();

        assertThat(sequences).containsEntry(open, 1).doesNotContainKey(ended);
        String fresh = newRun();
        assertThat(store.unfinishedRunSequences()).containsEntry(fresh, 0);
    }

    private static String newRun() {
        String id = UUID.randomUUID().toString();
        var header = new RunHeader(id, "plan", "document", Map.of(), null, RunState.RUNNING, AT, null);
        assertThat(store.create(header, UUID.randomUUID().toString(), List.of()))
                .isTrue();
        return id;
    }

    private static boolean append(String run, int sequence, String event) {
        var entry = new JournalEntry(sequence, event, new RunInput.Tick(), AT);
        var message = new OutboxMessage(UUID.randomUUID(), "phase.started", run + "/" + sequence, new byte[] {1});
        return store.append(run, entry, List.of(message), RunState.SUCCEEDED, AT);
    }

    private static List<String> journalOf(String run) {
        return jdbc.queryForList(
                "SELECT event_id FROM run_input WHERE migration_id = ? ORDER BY sequence", String.class, run);
    }

    private static List<String> outboxKeys(String run) {
        return jdbc.queryForList(
                "SELECT record_key FROM outbox WHERE record_key LIKE ? ORDER BY position", String.class, run + "/%");
    }
}
