package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.testing.Writer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * migrate-data, verify-data and cutover-data from a real MariaDB 10.11 (binlog in ROW format) to a real PostgreSQL:
 * Debezium's MySQL connector snapshots and streams, and the checksums computed in each engine agree. The scenarios of
 * every engine are in {@link MigrationScenarios}; here those of MariaDB alone.
 */
class MariaDbMigrationsIT extends MigrationScenarios {

    private static MariaDbSource mariadb;

    @BeforeAll
    static void start() {
        mariadb = MariaDbSource.start();
    }

    @AfterAll
    static void stop() {
        mariadb.close();
    }

    @Override
    SourceEngine sourceEngine() {
        return mariadb;
    }

    @Test
    void rowsWrittenWhileTheTablesAreCopiedAreNeitherLostNorResurrected() throws SQLException {
        // Enough rows that the copy takes a while, the writer inserting, updating and deleting users meanwhile.
        mariadb.run(
                source,
                "INSERT INTO messages SELECT seq, 1 + seq % 2000, REPEAT('x', seq % 80), NULL FROM seq_5001_to_300000");
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
        assertPassed(cutover);
        assertSameRows("users");
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
    void aSourceThatGoesAwayMidStreamIsRetriedUntilItIsBackWithNoRowLost() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        mariadb.addUsers(source, 2001, 2200);

        mariadb.restart();
        mariadb.addUsers(source, 2201, 2500);
        mariadb.run(
                source,
                "UPDATE users SET name = 'Changed' WHERE id <= 10",
                "DELETE FROM users WHERE id BETWEEN 11 AND 20");

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> postgres.count(target, "SELECT count(*) FROM users") == 2490);
        var checked = migrations.verify(key, List.of(), 500, Duration.ofMinutes(1));
        assertPassed(checked);
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
        assertThat(mariadb.streamsHeld(source)).isZero();
        assertThat(mariadb.count(source, "SELECT COUNT(*) FROM users"))
                .as("the source is left as it was")
                .isEqualTo(2000);
    }

    @Test
    void refusesATableWithoutPrimaryKeyAndAColumnThePostgresTargetCannotHoldBeforeCopying() {
        mariadb.run(
                source,
                "CREATE TABLE audit (at datetime, what text)",
                "CREATE TABLE places (id int PRIMARY KEY, location point, flags bit(3))");
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
        mariadb.run(source, "SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            assertThatThrownBy(() -> migrations.migrate(key, settings(), deadline(), status -> {}))
                    .isInstanceOf(DataStepFailure.class)
                    .hasMessageContaining("has binlog_format=STATEMENT")
                    .hasMessageContaining("needs log_bin on, binlog_format=ROW");
        } finally {
            mariadb.run(source, "SET GLOBAL binlog_format = 'ROW'");
        }
    }
}
