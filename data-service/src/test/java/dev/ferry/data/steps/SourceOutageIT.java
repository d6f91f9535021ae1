package dev.ferry.data.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.data.domain.StepKey;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.testing.Postgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source database goes away in the middle of the stream and comes back: the stream retries with backoff and,
 * once the server is back, applies what was written before and after, with no row lost or doubled.
 */
class SourceOutageIT {

    @TempDir
    Path work;

    @Test
    void aSourceThatGoesAwayMidStreamIsRetriedUntilItIsBackWithNoRowLost() throws IOException {
        int port = freePort();
        Path pgData = work.resolve("pg");
        var postgres = Postgres.inDirectory(pgData, port);
        postgres.createDatabase("monolith");
        postgres.createDatabase("auth");
        postgres.run(
                "monolith",
                "CREATE TABLE users (id bigint PRIMARY KEY, name text)",
                "INSERT INTO users SELECT g, 'User ' || g FROM generate_series(1, 1000) g");
        var key = new StepKey("run-outage", "copy-users", "auth-service");
        try (var migrations = new Migrations(
                new Connections(Postgres.credentials()), new StepRecords(work.resolve("steps")), Clock.systemUTC())) {
            migrations.migrate(key, settings(postgres), Instant.now().plus(Duration.ofMinutes(2)), status -> {});
            postgres.run("monolith", "INSERT INTO users SELECT g, 'Before ' || g FROM generate_series(1001, 1200) g");

            postgres.close();
            postgres = Postgres.inDirectory(pgData, port);
            postgres.run(
                    "monolith",
                    "INSERT INTO users SELECT g, 'After ' || g FROM generate_series(1201, 1500) g",
                    "UPDATE users SET name = 'Changed' WHERE id <= 10",
                    "DELETE FROM users WHERE id BETWEEN 11 AND 20");

            var restarted = postgres;
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> restarted.count("auth", "SELECT count(*) FROM users") == 1490);
            var checked = migrations.verify(key, List.of(), 200, Duration.ofMinutes(1));

            assertThat(checked.verification().passed())
                    .as(checked.verification().problems())
                    .isTrue();
            assertThat(postgres.count("auth", "SELECT count(*) FROM users WHERE name = 'Changed'"))
                    .isEqualTo(10);
        } finally {
            postgres.close();
        }
    }

    private static Map<String, String> settings(Postgres postgres) {
        return Map.of(
                "sourceDatabase", postgres.url("monolith"),
                "sourceCredentialRef", "db",
                "targetDatabase", postgres.url("auth"),
                "targetCredentialRef", "db",
                "tables.1", "users");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
