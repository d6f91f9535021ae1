package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Writer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data steps from a real source engine into a real PostgreSQL, in the scenarios every engine goes through alike:
 * the copy and the stream while the source keeps writing, a restart, a copy cut short, renames and filters. Each
 * engine's IT starts its {@link SourceEngine} and adds the tests only its engine has; each test gets a seeded source
 * database, an empty target one and its own data-service folder.
 */
abstract class MigrationScenarios {

    private static final AtomicInteger runs = new AtomicInteger();

    @TempDir
    Path dataDir;

    SourceEngine engine;

    /** The server of the targets. */
    Postgres postgres;

    String source;
    String target;
    Migrations migrations;
    StepKey key;

    /** The engine the IT started for its tests. */
    abstract SourceEngine sourceEngine();

    @BeforeEach
    void databases() {
        int run = runs.incrementAndGet();
        source = "monolith" + run;
        target = "auth" + run;
        engine = sourceEngine();
        postgres = engine.target();
        engine.createSeeded(source);
        postgres.createDatabase(target);
        migrations = newMigrations();
        key = new StepKey("run-" + run, "copy-users", "auth-service");
    }

    @AfterEach
    void stopMigrations() {
        migrations.close();
    }

    @Test
    void copiesTheSnapshotThenStreamsChangesWhileTheSourceKeepsWritingAndVerifiesBothSidesEqual() throws SQLException {
        try (var writer = new Writer(() -> engine.connect(source), 2001)) {
            StreamStatus migrated = migrations.migrate(key, settings(), deadline(), status -> {});
            assertThat(migrated.snapshotDone()).isTrue();
            assertThat(migrated.rowsCopied()).isGreaterThanOrEqualTo(7000);
            assertThat(migrated.lag())
                    .hasValueSatisfying(lag -> assertThat(lag).isLessThanOrEqualTo(Duration.ofSeconds(10)));

            var checked = migrations.verify(
                    key, List.of(ForeignKey.of("messages.user_id -> users.id")), 500, Duration.ofMinutes(1));
            assertThat(checked.verification().tables())
                    .allSatisfy(table ->
                            assertThat(table.equal()).as(table.summary()).isTrue());
            assertThat(checked.position()).matches(engine.positionPattern());
            assertThat(writer.writes())
                    .as("the source was written during the copy")
                    .isPositive();
        }
        var cutover = migrations.cutover(key, 500, Duration.ofMinutes(1));

        assertPassed(cutover);
        assertThat(cutover.position()).matches(engine.positionPattern());
        assertSameRows("users");
        assertSameRows("messages");
        assertThat(engine.streamsHeld(source))
                .as("the stream's slot or marker is dropped at cutover")
                .isZero();
    }

    @Test
    void resumesFromItsOffsetsAfterARestartWithNoRowLost() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        migrations.close();
        engine.addUsers(source, 3001, 3500);
        engine.run(source, "DELETE FROM users WHERE id <= 100", "UPDATE messages SET body = 'edited' WHERE id % 7 = 0");

        migrations = newMigrations();
        migrations.resumeAll();
        var checked = migrations.verify(key, List.of(), 1000, Duration.ofMinutes(1));

        assertPassed(checked);
        assertThat(postgres.count(target, "SELECT count(*) FROM users WHERE id > 3000"))
                .isEqualTo(500);
        assertThat(postgres.count(target, "SELECT count(*) FROM users WHERE id <= 100"))
                .isZero();
    }

    @Test
    void aCopyCutShortStartsAgainAndLeavesNoRowDeletedMeanwhile() {
        long messages = engine.messagesForALongCopy();
        engine.addMessages(source, 5001, messages, "bulk");
        var migrating = CompletableFuture.runAsync(() -> migrations.migrate(key, settings(), deadline(), status -> {}));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> migrations.status(key).rowsCopied() > 0);
        StreamStatus cut = migrations.status(key);
        migrations.close();
        assertThat(migrating).failsWithin(Duration.ofSeconds(30));
        engine.run(source, "DELETE FROM messages WHERE id <= 1000", "DELETE FROM users WHERE id <= 10");

        migrations = newMigrations();
        migrations.resumeAll();
        var checked = migrations.verify(key, List.of(), 5000, Duration.ofMinutes(2));

        assertThat(cut.snapshotDone()).as("the first copy was cut short").isFalse();
        assertPassed(checked);
        assertThat(postgres.count(target, "SELECT count(*) FROM messages WHERE id <= 1000"))
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages")).isEqualTo(messages - 1000);
    }

    @Test
    void renamesColumnsFiltersRowsWithTheSourcesSqlAndNamesTheTargetTable() {
        var filter = engine.usersFilter();
        var settings = settings();
        settings.put("renames.users.name", "full_name");
        settings.put("filters.users", filter.where());
        settings.put("targetTables.users", "accounts");

        migrations.migrate(key, settings, deadline(), status -> {});
        engine.run(
                source,
                "UPDATE users SET active = false WHERE id = " + filter.leaving(),
                "UPDATE users SET active = true WHERE id = " + filter.entering());
        var checked = migrations.verify(key, List.of(), 300, Duration.ofMinutes(1));

        assertPassed(checked);
        assertThat(postgres.count(
                        target, "SELECT count(*) FROM accounts WHERE full_name = 'User " + filter.entering() + "'"))
                .isEqualTo(1);
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts WHERE id = " + filter.leaving()))
                .as("a row updated out of the filter leaves the target")
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts"))
                .isEqualTo(engine.count(source, "SELECT count(*) FROM users WHERE " + filter.where()));
    }

    Migrations newMigrations() {
        return new Migrations(
                new Connections(engine.credentials()), new StepRecords(dataDir.resolve("steps")), Clock.systemUTC());
    }

    Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", engine.url(source));
        settings.put("sourceCredentialRef", engine.credentialRef());
        settings.put("targetDatabase", postgres.url(target));
        settings.put("targetCredentialRef", "db");
        settings.put("tables.1", "users");
        settings.put("tables.2", "messages");
        settings.put("maxLag", "5s");
        return settings;
    }

    static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(2));
    }

    /** The verification found the source and the target equal; what differs otherwise. */
    static void assertPassed(Migrations.Checked checked) {
        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
    }

    /** The target's table holds the source's rows, compared the way the engine reads them on both sides. */
    void assertSameRows(String table) throws SQLException {
        assertThat(engine.rows(() -> engine.connect(source), table))
                .as(table)
                .isEqualTo(engine.rows(() -> postgres.connect(target), table));
    }
}
