package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's per-phase checks, {@code examples/iot-monorepo-restructure.yaml} from its restructure to its health
 * check, on Ferry's embedded services: the backend's image is built by buildah from backend/ and pushed to a real
 * registry, and its migrations, tests and health check run as jobs in that image on this machine, on the restructured
 * repository checked out of a real git server with a token. Once everything passes; once with a test that still imports
 * the old package, which fails its phase and stops the run before the health check.
 *
 * <p>The platform's tools are the fixture's: busybox shell scripts named alembic, pytest, uvicorn and curl in the
 * image, which check what the real ones would trip over (the Alembic script location, imports of the old app package,
 * the app's module) without Python, which this machine's images do not have. Everything Ferry does is real.
 */
class IotMonorepoChecksIT {

    private static final String TOKEN = "ghp_iot-checks-token-91ab";
    private static final String DATABASE_URL = "postgresql://iot:db-pass-5e2f@db:5432/iot_sim_db";
    private static final String EXAMPLE_REPOSITORY = "https://github.com/iot-sim/iot-sim-platform.git";

    @TempDir
    Path data;

    @Test
    void theRestructuredBackendPassesItsMigrationsTestsAndHealthCheckAndABrokenTestStopsTheRun() throws Exception {
        OciTestRegistry registry = ItStack.registry();
        String base = ItStack.runnableBase(data);
        try (var stack = ItStack.start(data, registry, TOKEN, Map.of("iot-database-url", DATABASE_URL))) {
            var git = stack.git;
            platform(git, "iot-sim/healthy", base, false);
            platform(git, "iot-sim/broken", base, true);
            var runs = stack.startRuns(Duration.ofMinutes(4));

            PlanRuns.Run healthy = runs.run(
                    plan(git, registry, "iot-sim/healthy"),
                    "iot-monorepo",
                    Set.of("before-you-begin"),
                    "backend-health",
                    1,
                    p -> {});

            assertThat(healthy.outputs("backend-migrations", "backend"))
                    .containsEntry("exitCode", "0")
                    .containsEntry("ranOn", "local");
            assertThat(healthy.outputs("backend-migrations", "backend").get("outputTail"))
                    .contains("Running upgrade  -> 0001, create sims on ***")
                    .doesNotContain("db-pass-5e2f");
            assertThat(healthy.outputs("backend-tests", "backend").get("outputTail"))
                    .endsWith("2 passed");
            assertThat(healthy.outputs("backend-health", "backend").get("outputTail"))
                    .contains("\"status\": \"healthy\"");
            assertThat(healthy.outputs("backend-tests", "backend").get("imageRan"))
                    .isEqualTo(healthy.of(ImagePushed.class).getFirst().getImageReference())
                    .startsWith(registry.host() + "/iot-sim/iot-sim-backend@sha256:");
            assertThat(healthy.of(StepProgress.class))
                    .as("the tests' output streamed while they ran")
                    .anySatisfy(progress -> {
                        assertThat(progress.getPhase()).isEqualTo("backend-tests");
                        assertThat(progress.getUnit()).isEqualTo("lines");
                        assertThat(progress.getMessage()).contains("2 passed");
                    });
            String log = get(healthy.outputs("backend-migrations", "backend").get("logUrl"));
            assertThat(log).contains("Context impl PostgresqlImpl.").doesNotContain("db-pass-5e2f");

            PlanRuns.Run broken =
                    runs.runToEnd(plan(git, registry, "iot-sim/broken"), "iot-monorepo", Set.of("before-you-begin"));

            assertThat(broken.of(StepFailed.class)).singleElement().satisfies(failed -> {
                assertThat(failed.getPhase()).isEqualTo("backend-tests");
                assertThat(failed.getReason())
                        .contains("exited with code 1")
                        .contains("FAILED backend/tests/test_health.py - ModuleNotFoundError: No module named 'app'")
                        .endsWith("1 failed, 2 passed");
                assertThat(get(failed.getDetailsUrl())).contains("1 failed, 2 passed");
            });
            assertThat(broken.of(PhaseStarted.class))
                    .extracting(PhaseStarted::getPhase)
                    .contains("backend-migrations", "backend-tests")
                    .doesNotContain("backend-health");
            assertThat(broken.of(MigrationFinished.class))
                    .singleElement()
                    .extracting(MigrationFinished::getOutcome)
                    .isEqualTo(MigrationOutcome.FAILED);
        }
    }

    private static String plan(SmartHttpGitServer git, OciTestRegistry registry, String repository) throws Exception {
        return Files.readString(Path.of("../examples/iot-monorepo-restructure.yaml"))
                .replace(EXAMPLE_REPOSITORY, "http://127.0.0.1:" + git.port() + "/" + repository + ".git")
                .replace("host: ghcr.io", "host: " + registry.host())
                .replace("    credentialRef: ghcr-token\n", "");
    }

    /**
     * The platform as the seed finds it, with the fixture's tools in tests/tools/ (which the restructure moves with
     * the tests) and a Dockerfile that puts them on the image's PATH.
     */
    private static void platform(SmartHttpGitServer git, String repository, String base, boolean broken)
            throws Exception {
        Map<String, String> files = IotPlatform.files();
        files.put(
                "tests/test_api.py",
                "from app.api.v1 import api_router\n\ndef test_router():\n    assert api_router\n");
        files.put("tests/test_sims.py", "from app.models import Sim\n\ndef test_sim():\n    assert Sim\n");
        if (broken) {
            // The seed's update_imports.py rewrites "from app." but not "from app import".
            files.put("tests/test_health.py", "from app import main\n\ndef test_health():\n    assert main\n");
        }
        files.put(
                "Dockerfile",
                "FROM " + base + "\nCOPY tests/tools/ /usr/local/bin/\n"
                        + "RUN chmod 755 /usr/local/bin/alembic /usr/local/bin/pytest /usr/local/bin/uvicorn"
                        + " /usr/local/bin/curl\nCOPY . /app\n");
        files.put("tests/tools/alembic", """
                #!/bin/sh
                # Reads the configuration it is given and finds the scripts it names, as Alembic does first.
                config=alembic.ini
                [ "$1" = "-c" ] && config=$2
                location=$(sed -n 's/^script_location = //p' "$config")
                [ -f "$location/env.py" ] || { echo "FAILED: Path doesn't exist: '$location'"; exit 1; }
                echo "INFO  [alembic.runtime.migration] Context impl PostgresqlImpl."
                echo "INFO  [alembic.runtime.migration] Running upgrade  -> 0001, create sims on $DATABASE_URL"
                """);
        files.put("tests/tools/pytest", """
                #!/bin/sh
                # Each test module is a test; one that imports the old app package fails as Python would.
                for arg in "$@"; do dir=$arg; done
                passed=0; failed=0
                for test in $(find "$dir" -name 'test_*.py' | sort); do
                  if grep -qE '^(from|import) app([. ]|$)' "$test"; then
                    echo "FAILED $test - ModuleNotFoundError: No module named 'app'"; failed=$((failed + 1))
                  else
                    passed=$((passed + 1))
                  fi
                done
                [ $failed -eq 0 ] || { echo "$failed failed, $passed passed"; exit 1; }
                echo "$passed passed"
                """);
        files.put("tests/tools/uvicorn", """
                #!/bin/sh
                # Serves /health when the app's module is where its import path says.
                module=${1%%:*}
                [ -f "$(echo "$module" | tr . /).py" ] || { echo "ModuleNotFoundError: No module named '$module'"; exit 1; }
                while [ $# -gt 0 ]; do [ "$1" = "--port" ] && port=$2; shift; done
                mkdir -p /tmp/www
                echo '{"status": "healthy", "service": "FastAPI IOT SIM Management Server"}' > /tmp/www/health
                exec httpd -f -p "$port" -h /tmp/www
                """);
        files.put("tests/tools/curl", """
                #!/bin/sh
                for arg in "$@"; do url=$arg; done
                exec wget -qO- "$url"
                """);
        IotPlatform.push(git, repository, files);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }
}
