package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry on one machine without Docker: {@code ferry run PLAN} runs a plan to its end and exits with its outcome;
 * {@code ferry up} keeps Ferry running in its own process, {@code ferry apply} and {@code ferry status} reach it with
 * no setting but the CLI context it made current, its dashboard answers, {@code ferry down} stops it, and the run is
 * still there after the next {@code ferry up}.
 */
class LocalFerryIT {

    @TempDir
    Path work;

    private final List<Process> ups = new ArrayList<>();

    @AfterEach
    void stopUps() throws InterruptedException {
        for (Process up : ups) {
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void runFollowsAPlanToItsEndAndExitsWithItsOutcome() throws Exception {
        Path plan = splitPlan();
        var out = new StringWriter();
        var err = new StringWriter();

        int code = FerryWithDemo.run(
                environment(out, err),
                "run",
                plan.toString(),
                "--data-dir",
                work.resolve("run-data").toString());

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("SUCCEEDED");
        assertThat(work.resolve("targets/api-gateway.git/refs/heads/main")).exists();
        assertThat(work.resolve("targets/user-service.git/refs/heads/main")).exists();
    }

    @Test
    void upKeepsFerryRunningForTheOtherCommandsAndDownStopsItAndTheRunsStay() throws Exception {
        Path plan = splitPlan();
        Path data = work.resolve("up-data");
        int port = freePort();

        Process up = up(data, port);
        var id = new StringWriter();
        assertThat(FerryWithDemo.run(environment(id, new StringWriter()), "apply", plan.toString()))
                .isZero();
        String migration = id.toString().strip();
        var watched = new StringWriter();
        assertThat(FerryWithDemo.run(environment(watched, new StringWriter()), "status", migration, "--watch"))
                .as("ferry status --watch: %s", watched)
                .isZero();
        HttpResponse<String> dashboard = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("dashboard.js");

        var down = new StringWriter();
        assertThat(FerryWithDemo.run(environment(down, new StringWriter()), "down", "--data-dir", data.toString()))
                .isZero();
        assertThat(up.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(data.resolve("ferry-up.pid")).doesNotExist();

        up(data, port);
        var again = new StringWriter();
        assertThat(FerryWithDemo.run(environment(again, new StringWriter()), "status", migration))
                .isZero();
        assertThat(again.toString()).contains("SUCCEEDED");
    }

    private Process up(Path data, int port) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "up-", ".log");
        var command = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        FerryWithDemo.class.getName(),
                        "up",
                        "--data-dir",
                        data.toString(),
                        "--port",
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("FERRY_CONFIG", config().toString());
        Process up = command.start();
        ups.add(up);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.readString(log).contains("Ferry is up.")) {
            assertThat(up.isAlive()).as("ferry up: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime())
                    .as("ferry up within 3 minutes: %s", Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        return up;
    }

    /** Only the CLI config `ferry up` writes: none of the machine's contexts or Kafka settings. */
    private CliEnvironment environment(StringWriter out, StringWriter err) {
        CliEnvironment system = FerryCli.systemEnvironment();
        Map<String, String> variables = new HashMap<>(system.variables());
        variables.keySet().removeIf(name -> name.startsWith("FERRY_") || name.startsWith("KAFKA_"));
        variables.put("FERRY_CONFIG", config().toString());
        return new CliEnvironment(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                variables,
                system.clock(),
                false,
                system.commandBus(),
                system.planner());
    }

    private Path config() {
        return work.resolve("cli-config.yaml");
    }

    /** A plan splitting two services of a generated mono-repo into local bare repositories. */
    private Path splitPlan() throws IOException {
        Path plan = work.resolve("local-split.yaml");
        Files.writeString(plan, LocalSplitPlan.twoServices(work, "local-split"));
        return plan;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
