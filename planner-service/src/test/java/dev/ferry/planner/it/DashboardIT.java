package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard in a real browser: Debian's Chromium, driven by playwright-core from npm, opens the planner's pages,
 * finds the run in the list, sees its grid wait for approval, clicks Approve, and watches the grid (through the event
 * stream, no reload) until the run succeeds. The approval is in the run's audit log as the dashboard's. Screenshots go
 * to {@code target/dashboard-screenshots}, or to {@code -Dferry.dashboard.screenshots=DIR}.
 */
class DashboardIT {

    private static final String PLAYWRIGHT_CORE = "playwright-core@1.65.1";
    private static final Path NODE_DIRECTORY = Path.of("target", "dashboard-node");

    @TempDir
    Path data;

    @Test
    void anApprovalClickedInTheBrowserReachesTheRunAndTheGridFollowsItToTheEnd() throws Exception {
        Path nodeModules = playwrightCore();
        Path screenshots = Path.of(System.getProperty("ferry.dashboard.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(screenshots);
        String id = UUID.randomUUID().toString();
        ExecutorService answering = Executors.newSingleThreadExecutor();
        var stop = new AtomicBoolean();
        var finished = new AtomicReference<MigrationFinished>();
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        "--ferry.planner.security.http-commands-without-login=true");
                var bus = new Bus("phase.started", "phase.completed", "migration.finished")) {
            var workers = new Workers(bus, id, Set.of());
            bus.start(id, "shop", PlannerFlowIT.SHOP_PLAN, Map.of("sourceCommit", "a".repeat(40)));
            // The workers, in the background for the whole test: only this thread touches the bus from now on.
            Future<?> answers = answering.submit(() -> {
                while (!stop.get() && finished.get() == null) {
                    bus.poll();
                    workers.answer();
                    bus
                            .seen(
                                    MigrationFinished.class,
                                    f -> f.getMetadata().getMigrationId().equals(id))
                            .stream()
                            .findFirst()
                            .ifPresent(finished::set);
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> phaseState(planner, id).equals("AWAITING_APPROVAL"));

            int port = ((WebServerApplicationContext) planner).getWebServer().getPort();
            var run = new ProcessBuilder(
                            "node",
                            Path.of("src/test/dashboard/approve-in-browser.cjs").toString(),
                            "http://localhost:" + port,
                            id,
                            "deploy-prod",
                            screenshots.toAbsolutePath().toString())
                    .redirectErrorStream(true);
            run.environment()
                    .put("FERRY_NODE_MODULES", nodeModules.toAbsolutePath().toString());
            Process browser = run.start();
            String output;
            try (var in = browser.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(browser.waitFor(3, TimeUnit.MINUTES)).isTrue();

            assertThat(browser.exitValue()).as("the browser test: %s", output).isZero();
            assertThat(output).contains("\"approved\":true", "\"runSucceeded\":true");
            stop.set(true);
            answers.get(30, TimeUnit.SECONDS);
            JsonNode audit = PlannerFlowIT.get(planner, "/migrations/" + id + "/audit");
            assertThat(audit.findValuesAsText("issuedBy")).contains("local-user (dashboard)");
            assertThat(audit.findValuesAsText("command")).contains("approve");
            for (String shot : List.of(
                    "dashboard-runs.png", "dashboard-run-awaiting-approval.png", "dashboard-run-succeeded.png")) {
                assertThat(screenshots.resolve(shot)).isNotEmptyFile();
            }
        } finally {
            stop.set(true);
            answering.shutdownNow();
        }
    }

    private static String phaseState(ConfigurableApplicationContext planner, String id)
            throws IOException, InterruptedException {
        JsonNode status = PlannerFlowIT.status(planner, id);
        if (status == null) {
            return "";
        }
        for (JsonNode phase : status.path("phases")) {
            if (phase.path("name").asText().equals("deploy-prod")) {
                return phase.path("state").asText();
            }
        }
        return "";
    }

    /** playwright-core from npm, installed once under target/ (Playwright's own browser download is not used). */
    private static Path playwrightCore() throws IOException, InterruptedException {
        Path modules = NODE_DIRECTORY.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("playwright-core"))) {
            Files.createDirectories(NODE_DIRECTORY);
            Process npm = new ProcessBuilder(
                            "npm",
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--prefix",
                            NODE_DIRECTORY.toString(),
                            PLAYWRIGHT_CORE)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor())
                    .as("npm install %s: %s", PLAYWRIGHT_CORE, output)
                    .isZero();
        }
        return modules;
    }
}
