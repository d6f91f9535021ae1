package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.testing.MariaDb;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate-data, verify-data and cutover-data from a real MariaDB 10.11 (binlog in ROW format) to a real PostgreSQL:
 * Debezium's MySQL connector snapshots and streams, and the checksums computed in each engine agree.
 */
class MariaDbMigrationsIT {

    private static final AtomicInteger runs = new AtomicInteger();
    private static MariaDb mariadb;
    private static Postgres postgres;

    @TempDir
    Path dataDir;

    private String source;
    private String target;
    private Migrations migrations;
    private StepKey key;

    @BeforeAll
    static void start() {
        mariadb = MariaDb.start();
        postgres = Postgres.withLogicalDecoding();
    }

    @AfterAll
    static void stop() {
        postgres.close();
        mariadb.close();
    }

    @BeforeEach
    void databases() {
        int run = runs.incrementAndGet();
        source = "shop" + run;
        target = "auth" + run;
        postgres.createDatabase(target);
        mariadb.sql("CREATE DATABASE " + source + "; USE " + source + ";"
                + " CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text,"
                + " active tinyint(1), created_at timestamp(3) NULL, born date, balance decimal(10,2),"
                + " avatar varbinary(16), prefs json, kind enum('free','paid'), score double, seen datetime(6),"
                + " visits int unsigned, big bigint unsigned, code char(4));"
                + " INSERT INTO users SELECT seq, CONCAT('user', seq, '@example.com'),"
                + " IF(seq % 50 = 0, CONCAT('O''Brien \\\\ back', CHAR(9), 'tab', CHAR(10), 'line', CHAR(13), '\\\\N'),"
                + " CONCAT('User ', seq)), seq % 3 <> 0,"
                + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq * 1125000 MICROSECOND,"
                + " DATE '1990-01-01' + INTERVAL seq DAY, seq * 1.25, UNHEX(MD5(seq)),"
                + " CONCAT('{\"theme\": \"dark\", \"n\": ', seq, '}'), IF(seq % 2 = 0, 'paid', 'free'), seq / 4,"
                + " TIMESTAMP '2023-06-01 12:00:00.250000' + INTERVAL seq SECOND, seq * 3, 18446744073709551615 - seq,"
                + " IF(seq % 5 = 0, NULL, 'ab') FROM seq_1_to_2000;"
                + " CREATE TABLE messages (id int unsigned PRIMARY KEY, user_id bigint, body text, sent_at datetime);"
                + " INSERT INTO messages SELECT seq, 1 + seq % 2000, REPEAT('m', seq % 50),"
                + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_5000");
        migrations = newMigrations();
        key = new StepKey("run-" + run, "copy-users", "auth-service");
    }

    @AfterEach
    void close() {
        migrations.close();
    }

    @Test
    void snapshotsThenStreamsWhileTheSourceKeepsWritingAndTheChecksumsOfBothEnginesAgree() throws Exception {
        try (var writer = new Writer(() -> mariadb.connect(source), 2001)) {
            StreamStatus migrated = migrations.migrate(key, settings(), deadline(), status -> {});
            assertThat(migrated.snapshotDone()).isTrue();
            assertThat(migrated.rowsCopied()).isGreaterThanOrEqualTo(7000);

            var checked = migrations.verify(key, List.of(), 500, Duration.ofMinutes(1));
            assertThat(checked.verification().tables())
                    .allSatisfy(table ->
                            assertThat(table.equal()).as(table.summary()).isTrue());
            assertThat(checked.position()).matches(".*binlog\\.[0-9]+:[0-9]+");
            assertThat(writer.writes())
                    .as("the source was written during the copy")
                    .isPositive();
        }
        var cutover = migrations.cutover(key, 500, Duration.ofMinutes(1));

        assertThat(cutover.verification().passed())
                .as(cutover.verification().problems())
                .isTrue();
        assertThat(rows(mariadb.connect(source), "users")).isEqualTo(rows(postgres.connect(target), "users"));
        assertThat(rows(mariadb.connect(source), "messages")).isEqualTo(rows(postgres.connect(target), "messages"));
        assertThat(mariadb.sql("SELECT COUNT(*) FROM " + source + ".ferry_markers"))
                .as("the stream's marker goes at cutover")
                .isEqualTo("0");
    }

    @Test
    void rowsWrittenWhileTheTablesAreCopiedAreNeitherLostNorResurrected() throws Exception {
        // Enough rows that the copy takes a while, the writer inserting, updating and deleting users meanwhile.
        mariadb.sql("USE " + source + "; INSERT INTO messages SELECT seq, 1 + seq % 2000, REPEAT('x', seq % 80), NULL"
                + " FROM seq_5001_to_300000");
        var duringCopy = new AtomicLongArray(new long[] {-1, -1});
        try (var writer = new Writer(() -> mariadb.connect(source), 2001)) {
            migrations.migrate(key, settings(), deadline(), status -> {
                if (!status.snapshotDone()) {
                    duringCopy.compareAndSet(0, -1, writer.writes());
                    duringCopy.set(1, writer.writes());
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.writes() > duringCopy.get(1) + 100);
        }
        var cutover = migrations.cutover(key, 5000, Duration.ofMinutes(1));

        assertThat(duringCopy.get(1) - duringCopy.get(0))
                .as("the source was written while the tables were copied")
                .isPositive();
        assertThat(cutover.verification().passed())
                .as(cutover.verification().problems())
                .isTrue();
        assertThat(rows(mariadb.connect(source), "users")).isEqualTo(rows(postgres.connect(target), "users"));
    }

    @Test
    void aDifferenceInTheTargetIsFoundByTheChecksums() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        postgres.run(target, "UPDATE users SET name = 'changed behind Ferry''s back' WHERE id = 1234");

        var checked = migrations.verify(key, List.of(), 500, Duration.ofMinutes(1));

        assertThat(checked.verification().passed()).isFalse();
        assertThat(checked.verification().problems()).contains("public.users").contains("1234");
    }

    @Test
    void renamesColumnsFiltersRowsWithTheSourcesSqlAndNamesTheTargetTable() {
        var settings = settings();
        settings.put("renames.users.name", "full_name");
        settings.put("filters.users", "active AND kind = 'paid'");
        settings.put("targetTables.users", "accounts");

        migrations.migrate(key, settings, deadline(), status -> {});
        mariadb.sql("UPDATE " + source + ".users SET active = 0 WHERE id = 2;" + " UPDATE " + source
                + ".users SET active = 1 WHERE id = 6");
        var checked = migrations.verify(key, List.of(), 300, Duration.ofMinutes(1));

        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts WHERE full_name = 'User 6'"))
                .isEqualTo(1);
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts WHERE id = 2"))
                .as("a row updated out of the filter leaves the target")
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM accounts"))
                .isEqualTo(Long.parseLong(
                        mariadb.sql("SELECT COUNT(*) FROM " + source + ".users WHERE active AND kind = 'paid'")));
    }

    @Test
    void resumesFromItsOffsetsAfterARestartWithNoRowLost() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        migrations.close();
        mariadb.sql("USE " + source + "; INSERT INTO users (id, email) SELECT seq, CONCAT('late', seq)"
                + " FROM seq_3001_to_3500; DELETE FROM users WHERE id <= 100;"
                + " UPDATE messages SET body = 'edited' WHERE id % 7 = 0");

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
    void aSnapshotCutShortStartsAgainAndLeavesNoRowDeletedMeanwhile() {
        mariadb.sql("USE " + source + "; INSERT INTO messages (id, user_id, body) SELECT seq, 1, 'bulk'"
                + " FROM seq_5001_to_200000");
        var migrating = CompletableFuture.runAsync(() -> migrations.migrate(key, settings(), deadline(), status -> {}));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> migrations.status(key).rowsCopied() > 0);
        StreamStatus cut = migrations.status(key);
        migrations.close();
        assertThat(migrating).failsWithin(Duration.ofSeconds(30));
        mariadb.sql("USE " + source + "; DELETE FROM messages WHERE id <= 1000; DELETE FROM users WHERE id <= 10");

        migrations = newMigrations();
        migrations.resumeAll();
        var checked = migrations.verify(key, List.of(), 5000, Duration.ofMinutes(2));

        assertThat(cut.snapshotDone()).as("the first snapshot was cut short").isFalse();
        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages WHERE id <= 1000"))
                .isZero();
        assertThat(postgres.count(target, "SELECT count(*) FROM messages")).isEqualTo(200000 - 1000);
    }

    @Test
    void aSourceThatGoesAwayMidStreamIsRetriedUntilItIsBackWithNoRowLost() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        mariadb.sql("USE " + source + "; INSERT INTO users (id, email) SELECT seq, CONCAT('before', seq)"
                + " FROM seq_2001_to_2200");

        mariadb = mariadb.restart();
        mariadb.sql("USE " + source + "; INSERT INTO users (id, email) SELECT seq, CONCAT('after', seq)"
                + " FROM seq_2201_to_2500; UPDATE users SET name = 'Changed' WHERE id <= 10;"
                + " DELETE FROM users WHERE id BETWEEN 11 AND 20");

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> postgres.count(target, "SELECT count(*) FROM users") == 2490);
        var checked = migrations.verify(key, List.of(), 500, Duration.ofMinutes(1));
        assertThat(checked.verification().passed())
                .as(checked.verification().problems())
                .isTrue();
        assertThat(postgres.count(target, "SELECT count(*) FROM users WHERE name = 'Changed'"))
                .isEqualTo(10);
    }

    @Test
    void rollbackStopsTheStreamDropsTheTablesItCreatedAndRemovesItsMarker() {
        migrations.migrate(key, settings(), deadline(), status -> {});

        var rolledBack = migrations.rollback(key);

        assertThat(rolledBack.dropped())
                .extracting(Object::toString)
                .containsExactly("public.users", "public.messages");
        assertThat(postgres.count(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .isZero();
        assertThat(mariadb.sql("SELECT COUNT(*) FROM " + source + ".ferry_markers"))
                .isEqualTo("0");
        assertThat(mariadb.sql("SELECT COUNT(*) FROM " + source + ".users"))
                .as("the source is left as it was")
                .isEqualTo("2000");
    }

    @Test
    void refusesATableWithoutPrimaryKeyAndAColumnThePostgresTargetCannotHoldBeforeCopying() {
        mariadb.sql("USE " + source + "; CREATE TABLE audit (at datetime, what text);"
                + " CREATE TABLE places (id int PRIMARY KEY, location point, flags bit(3))");
        var settings = settings();
        settings.put("tables.1", "audit");
        settings.put("tables.2", "places");

        assertThatThrownBy(() -> migrations.migrate(key, settings, deadline(), status -> {}))
                .isInstanceOf(DataStepFailure.class)
                .hasMessageContaining("table " + source + ".audit has no primary key")
                .hasMessageContaining("column " + source + ".places.location has type point (MariaDB)")
                .hasMessageContaining("column " + source + ".places.flags has type bit(3) (MariaDB)");
        assertThat(postgres.count(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing was created")
                .isZero();
    }

    @Test
    void refusesASourceWhoseBinlogIsNotInRowFormatNamingTheSetting() {
        mariadb.sql("SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            assertThatThrownBy(() -> migrations.migrate(key, settings(), deadline(), status -> {}))
                    .isInstanceOf(DataStepFailure.class)
                    .hasMessageContaining("has binlog_format=STATEMENT")
                    .hasMessageContaining("needs log_bin on, binlog_format=ROW");
        } finally {
            mariadb.sql("SET GLOBAL binlog_format = 'ROW'");
        }
    }

    private Migrations newMigrations() {
        Credentials both = ref -> ref.equals("maria")
                ? MariaDb.credentials().login(ref)
                : Postgres.credentials().login(ref);
        return new Migrations(new Connections(both), new StepRecords(dataDir.resolve("steps")), Clock.systemUTC());
    }

    private Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", mariadb.url(source));
        settings.put("sourceCredentialRef", "maria");
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

    /** Key, text columns and numbers of every row as JDBC reads them, in key order, to compare the engines directly. */
    private static List<String> rows(Connection connection, String table) throws SQLException {
        String columns =
                table.equals("users") ? "id, email, name, balance, born, visits" : "id, user_id, body, sent_at";
        var rows = new ArrayList<String>();
        try (connection;
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY id")) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    row.append(result.getObject(i) == null ? "null" : result.getString(i))
                            .append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
