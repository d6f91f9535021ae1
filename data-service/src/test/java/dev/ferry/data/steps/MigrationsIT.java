package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.testing.Postgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data steps on a real PostgreSQL with logical decoding: Debezium streams from a source database to a target one
 * in the same server. The scenarios of every engine are in {@link MigrationScenarios}; here those of PostgreSQL alone.
 */
class MigrationsIT extends MigrationScenarios {

    private static PostgresSource server;

    @BeforeAll
    static void startPostgres() {
        server = PostgresSource.start();
    }

    @AfterAll
    static void stopPostgres() {
        server.close();
    }

    @Override
    SourceEngine sourceEngine() {
        return server;
    }

    @Test
    void aRedeliveredMigrationReusesItsStreamAndTables() {
        migrations.migrate(key, settings(), deadline(), status -> {});
        var again = migrations.migrate(key, settings(), deadline(), status -> {});

        assertThat(again.snapshotDone()).isTrue();
        assertThat(server.streamsHeld(source)).isEqualTo(1);
        assertThat(migrations.tablesCreated(key)).containsExactly("public.users", "public.messages");
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
        assertThat(server.streamsHeld(source)).isZero();
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
}
