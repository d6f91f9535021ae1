package dev.ferry.planner.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The planner's schema under Flyway: a new database gets every version, a database the planner made before Flyway
 * keeps its runs and is brought up to date, and two planners starting on one database at once both start.
 */
class PlannerSchemaIT {

    @TempDir
    static Path data;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        postgres.close();
    }

    @Test
    void aNewDatabaseGetsEveryVersionInOrder() {
        try (PlannerDatabase database = database(newDatabase())) {
            database.applySchema();

            assertThat(versions(database)).containsExactly("1", "2");
            assertThat(new JdbcTemplate(database.dataSource())
                            .queryForObject("SELECT count(*) FROM migration", Integer.class))
                    .isZero();
        }
    }

    @Test
    void aDatabaseMadeBeforeFlywayKeepsItsRunsAndItsAuditGuardAndIsBroughtUpToDate() throws IOException {
        String name = newDatabase();
        try (PlannerDatabase old = database(name)) {
            var jdbc = new JdbcTemplate(old.dataSource());
            // What the planner did at each start before Flyway: the first version's statements, applied as is.
            jdbc.execute(firstVersion());
            jdbc.update(
                    "INSERT INTO migration (id, plan_name, plan_document, parameters, state, started_at, updated_at)"
                            + " VALUES ('run-1', 'shop', 'doc', '{}', 'RUNNING', now(), now())");
            jdbc.update("INSERT INTO command_audit (migration_id, command_id, command, issued_by, applied,"
                    + " recorded_at) VALUES ('run-1', 'c1', 'approve', 'ana (cli)', true, now())");
        }
        try (PlannerDatabase upgraded = database(name)) {
            upgraded.applySchema();
            var jdbc = new JdbcTemplate(upgraded.dataSource());

            assertThat(versions(upgraded)).containsExactly("0", "1", "2");
            assertThat(jdbc.queryForList("SELECT id FROM migration", String.class))
                    .containsExactly("run-1");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM pg_indexes WHERE indexname = 'handled_event_by_age'", Integer.class))
                    .isOne();
            assertThatThrownBy(() -> jdbc.update("DELETE FROM command_audit"))
                    .hasMessageContaining("command_audit is append-only");
        }
    }

    @Test
    void twoPlannersStartingOnOneDatabaseAtOnceBothGetTheSchemaOnce() {
        String name = newDatabase();
        try (PlannerDatabase first = database(name);
                PlannerDatabase second = database(name)) {
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(first::applySchema),
                            CompletableFuture.runAsync(second::applySchema))
                    .join();

            assertThat(versions(first)).containsExactly("1", "2");
        }
    }

    private static List<String> versions(PlannerDatabase database) {
        return new JdbcTemplate(database.dataSource())
                .queryForList(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank",
                        String.class);
    }

    private static String newDatabase() {
        String name = "planner_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        return name;
    }

    private static PlannerDatabase database(String name) {
        return PlannerDatabase.external(postgres.getJdbcUrl("postgres", name), "postgres", "");
    }

    private static String firstVersion() throws IOException {
        try (InputStream in = PlannerSchemaIT.class.getResourceAsStream("/db/planner/V1__planner_schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
