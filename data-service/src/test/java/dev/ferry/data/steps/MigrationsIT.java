package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data steps on a real PostgreSQL with logical decoding: Debezium streams from a source database to a target one. */
class MigrationsIT {

    private static final AtomicInteger runs = new AtomicInteger();
    private static Postgres postgres;

    @TempDir
    Path dataDir;

    private String source;
    private String target;
    private Migrations migrations;
    private StepKey key;

    @BeforeAll
    static void startPostgres() {
        postgres = Postgres.withLogicalDecoding();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void databases() {
        int run = runs.incrementAndGet();
        source = "monolith" + run;
        target = "auth" + run;
        postgres.createDatabase(source);
        postgres.createDatabase(target);
        postgres.run(
                source,
                "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text, active boolean,"
                        + " created_at timestamptz DEFAULT now(), born date, balance numeric(10,2), avatar bytea,"
                        + " prefs jsonb, token uuid)",
                "INSERT INTO users SELECT g, 'user' || g || '@example.com', 'User ' || g, g % 3 <> 0,"
                        + " now() - g * interval '1 minute', date '1990-01-01' + g, g * 1.25, decode(md5(g::text), 'hex'),"
                        + " jsonb_build_object('theme', 'dark', 'n', g), gen_random_uuid() FROM generate_series(1, 2000) g",
                "CREATE TABLE messages (id bigint PRIMARY KEY, user_id bigint, body text, sent_at timestamp)",
                "INSERT INTO messages SELECT g, 1 + g % 2000, repeat('m', g % 50), timestamp '2024-01-01' + g * interval '1 second'"
                        + " FROM generate_series(1, 5000) g");
        migrations = newMigrations();
        key = new StepKey("run-" + run, "copy-users", "auth-service");
    }

    @AfterEach
    void stop() {
        migrations.close();
    }

    @Test
    void copiesTheSnapshotThenStreamsChangesWhileTheSourceKeepsWritingAndVerifiesBothSidesEqual() {
        StreamStatus migrated;
        try (var writer = new Writer(postgres, source, 2001)) {
            migrated = migrations.migrate(key, settings(), deadline(), status -> {});
            assertThat(migrated.snapshotDone()).isTrue();
            assertThat(migrated.rowsCopied()).isGreaterThanOrEqualTo(7000);
            assertThat(migrated.lag())
                    .hasValueSatisfying(lag -> assertThat(lag).isLessThanOrEqualTo(Duration.ofSeconds(10)));

            var checked = migrations.verify(
                    key, List.of(ForeignKey.of("messages.user_id -> users.id")), 500, Duration.ofMinutes(1));
            assertThat(checked.verification().tables())
                    .allSatisfy(table ->
                            assertThat(table.equal()).as(table.summary()).isTrue());
            assertThat(writer.writes())
                    .as("the source was written during the copy")
                    .isPositive();
        }
        var cutover = migrations.cutover(key, 500, Duration.ofMinutes(1));

        assertThat(cutover.verification().passed())
                .as(cutover.verification().problems())
                .isTrue();
        assertThat(cutover.position()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(rowsText(source, "users")).isEqualTo(rowsText(target, "users"));
        assertThat(rowsText(source, "messages")).isEqualTo(rowsText(target, "messages"));
        assertThat(postgres.count(
                        source, "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"))
                .as("the slot is dropped at cutover")
                .isZero();
    }

    @Test
    void resumesFromItsOffsetsAfterARestartWithNoRowLost() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        migrations.close();
        postgres.run(
                source,
                "INSERT INTO users (id, email) SELECT g, 'late' || g || '@example.com' FROM generate_series(3001, 3500) g",
                "DELETE FROM users WHERE id <= 100",
                "UPDATE messages SET body = 'edited' WHERE id % 7 = 0");

        migrations = newMigrations();
        migrations.resumeAll();
        var checked = migrations.verify(key, List.of(), 1000, Duration.ofMinutes(1));

        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM users WHERE id > 3000"))
                .isEqualTo(500);
        assertThat(postgres.count(target, "SELECT count(*) FROM users WHERE id <= 100"))
                .isZero();
    }

    @Test
    void aCopyCutShortStartsAgainAndLeavesNoRowDeletedMeanwhile() throws Exception {
        postgres.run(source, "INSERT INTO messages SELECT g, 1, 'bulk' FROM generate_series(5001, 600000) g");
        var migrating = java.util.concurrent.CompletableFuture.runAsync(
                () -> migrations.migrate(key, settings(), deadline(), status -> {}));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> migrations.status(key).rowsCopied() > 0);
        StreamStatus cut = migrations.status(key);
        migrations.close();
        assertThat(migrating).failsWithin(Duration.ofSeconds(30));
        postgres.run(source, "DELETE FROM messages WHERE id <= 1000", "DELETE FROM users WHERE id <= 10");

        migrations = newMigrations();
        migrations.resumeAll();
        var checked = migrations.verify(key, List.of(), 5000, Duration.ofMinutes(2));

        assertThat(cut.snapshotDone()).as("the first copy was cut short").isFalse();
        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages WHERE id <= 1000"))
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages")).isEqualTo(600000 - 1000);
    }

    @Test
    void aRedeliveredMigrationReusesItsStreamAndTables() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        var again = migrations.migrate(key, settings(), deadline(), status -> {});

        assertThat(again.snapshotDone()).isTrue();
        assertThat(postgres.count(
                        source, "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"))
                .isEqualTo(1);
        assertThat(migrations.tablesCreated(key)).containsExactly("public.users", "public.messages");
    }

    @Test
    void renamesColumnsFiltersRowsAndNamesTheTargetTable() {
        var settings = settings();
        settings.put("renames.users.name", "full_name");
        settings.put("filters.users", "active");
        settings.put("targetTables.users", "accounts");

        migrations.migrate(key, settings, deadline(), status -> {});
        postgres.run(
                source, "UPDATE users SET active = false WHERE id = 1", "UPDATE users SET active = true WHERE id = 3");
        var checked = migrations.verify(key, List.of(), 300, Duration.ofMinutes(1));

        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts WHERE full_name = 'User 3'"))
                .isEqualTo(1);
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts WHERE id = 1"))
                .as("a row updated out of the filter leaves the target")
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts"))
                .isEqualTo(postgres.count(source, "SELECT count(*) FROM users WHERE active"));
    }

    @Test
    void verificationNamesTheFirstDifferingKeyRangeAndTheColumns() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        postgres.run(
                target, "UPDATE users SET name = 'tampered' WHERE id = 1234", "DELETE FROM messages WHERE id = 4321");

        var verification =
                migrations.verify(key, List.of(), 500, Duration.ofMinutes(1)).verification();

        assertThat(verification.passed()).isFalse();
        assertThat(verification.problems())
                .contains(
                        "public.users: 2000 rows in the source, 2000 in the target; first difference in key range (1000, 1500]")
                .contains("key 1234 differs in column(s) name")
                .contains(
                        "public.messages: 5000 rows in the source, 4999 in the target; first difference in key range (4000, 4500]")
                .contains("key 4321 missing in the target");
    }

    @Test
    void refusesATableWithoutAPrimaryKeyNamingIt() {
        postgres.run(source, "CREATE TABLE audit_log (at timestamptz, line text)");
        var settings = settings();
        settings.put("tables.3", "audit_log");

        assertThatThrownBy(() -> migrations.migrate(key, settings, deadline(), status -> {}))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("table public.audit_log has no primary key");
        assertThat(postgres.count(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing was created")
                .isZero();
    }

    @Test
    void refusesATargetTableHoldingRowsUnlessTheModeIsMerge() {
        postgres.run(
                target,
                "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL, name text, active boolean,"
                        + " created_at timestamptz, born date, balance numeric(12,2), avatar bytea, prefs jsonb, token uuid)",
                "INSERT INTO users (id, email) VALUES (999999, 'kept@example.com')");

        assertThatThrownBy(() -> migrations.migrate(key, settings(), deadline(), status -> {}))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("target table public.users in " + postgres.url(target)
                        + " already holds rows Ferry did not copy")
                .hasMessageContaining("mode: merge");

        var merge = settings();
        merge.put("mode", "merge");
        migrations.migrate(key, merge, deadline(), status -> {});
        assertThat(postgres.count(target, "SELECT count(*) FROM users")).isEqualTo(2001);
        assertThat(migrations.tablesCreated(key)).containsExactly("public.messages");
    }

    @Test
    void refusesATargetColumnThatCannotHoldTheSourcesValues() {
        postgres.run(target, "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(20) NOT NULL, name text)");

        assertThatThrownBy(() -> migrations.migrate(key, settings(), deadline(), status -> {}))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("target column public.users.email is character varying(20) and cannot hold"
                        + " public.users.email (character varying(200))")
                .hasMessageContaining("target table public.users has no column active");
    }

    @Test
    void refusesASourceWithoutLogicalDecodingNamingTheSetting() {
        try (var plain = Postgres.withoutLogicalDecoding()) {
            var settings = settings();
            settings.put("sourceDatabase", plain.url("postgres"));

            assertThatThrownBy(() -> migrations.migrate(key, settings, deadline(), status -> {}))
                    .isInstanceOf(DataStepFailure.class)
                    .hasMessageContaining("has wal_level=replica")
                    .hasMessageContaining("needs wal_level=logical");
        }
    }

    @Test
    void refusesACredentialThatIsNotConfiguredAndAPasswordInTheUrl() {
        var unknown = settings();
        unknown.put("sourceCredentialRef", "nobody");
        var inline = settings();
        inline.put("sourceDatabase", postgres.url(source) + "?password=hunter2");

        assertThatThrownBy(() -> migrations.migrate(key, unknown, deadline(), status -> {}))
                .hasMessageContaining("credential nobody for " + postgres.url(source) + " is not configured");
        assertThatThrownBy(() -> migrations.migrate(key, inline, deadline(), status -> {}))
                .hasMessageContaining("carries a password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rollbackStopsTheStreamAndDropsOnlyTheTablesItCreated() {
        postgres.run(
                target, "CREATE TABLE messages (id bigint PRIMARY KEY, user_id bigint, body text, sent_at timestamp)");
        migrations.migrate(key, settings(), deadline(), status -> {});

        var rolledBack = migrations.rollback(key);

        assertThat(rolledBack.dropped()).extracting(Object::toString).containsExactly("public.users");
        assertThat(rolledBack.kept()).extracting(Object::toString).containsExactly("public.messages");
        assertThat(postgres.count(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'"))
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages")).isEqualTo(5000);
        assertThat(postgres.count(
                        source, "SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"))
                .isZero();
    }

    @Test
    void rollbackAfterCutoverSaysToPointTheServiceBackAtTheSourceAndListsTheRowsWrittenSince() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        migrations.cutover(key, 1000, Duration.ofMinutes(1));
        postgres.run(
                target,
                "INSERT INTO users (id, email) VALUES (5001, 'new@example.com'), (5002, 'newer@example.com')",
                "UPDATE users SET name = 'renamed' WHERE id = 7",
                "DELETE FROM messages WHERE id = 1");
        postgres.run(source, "UPDATE users SET name = 'monolith' WHERE id = 8");

        assertThatThrownBy(() -> migrations.rollback(key))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("was cut over at source position")
                .hasMessageContaining("Rolling back means pointing auth-service at " + postgres.url(source) + " again")
                .hasMessageContaining("public.users: 3 row(s) inserted or updated since cutover (keys 7, 5001, 5002),"
                        + " 2002 row(s) now")
                .hasMessageContaining("public.messages: 0 row(s) inserted or updated since cutover, 4999 row(s) now");
        assertThat(postgres.count(target, "SELECT count(*) FROM users")).isEqualTo(2002);
    }

    private Migrations newMigrations() {
        return new Migrations(
                new Connections(Postgres.credentials()), new StepRecords(dataDir.resolve("steps")), Clock.systemUTC());
    }

    private Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", postgres.url(source));
        settings.put("sourceCredentialRef", "db");
        settings.put("targetDatabase", postgres.url(target));
        settings.put("targetCredentialRef", "db");
        settings.put("tables.1", "users");
        settings.put("tables.2", "messages");
        settings.put("maxLag", "5s");
        return settings;
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(2));
    }

    /** Every row of the table as PostgreSQL prints it, in key order: equal texts mean equal tables. */
    private String rowsText(String database, String table) {
        try (var connection = postgres.connect(database);
                var statement = connection.createStatement();
                var result = statement.executeQuery(
                        "SELECT md5(string_agg(t::text, E'\\n' ORDER BY id)) || ':' || count(*) FROM " + table
                                + " t")) {
            result.next();
            return result.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
