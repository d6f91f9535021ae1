package dev.ferry.planner.it;

import static dev.ferry.planner.it.Bus.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
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
 * The dashboard in a real browser: Debian's Chromium, driven by playwright-core from npm, opens the planner's pages as
 * a person would (scripts under {@code src/test/dashboard}). Screenshots go to {@code target/dashboard-screenshots}, or
 * to {@code -Dferry.dashboard.screenshots=DIR}.
 */
class DashboardIT {

    private static final String PLAYWRIGHT_CORE = "playwright-core@1.65.1";
    private static final Path NODE_DIRECTORY = Path.of("target", "dashboard-node");
    private static final String PHASE = "deploy-prod";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final Path screenshots =
            Path.of(System.getProperty("ferry.dashboard.screenshots", "target/dashboard-screenshots"));

    /**
     * The run is in the list, its grid waits for approval, the Approve click reaches the run (the audit log says the
     * dashboard's user), and the grid follows the run to SUCCEEDED through the event stream alone. Then the run's plan
     * page shows the phases and each service's steps as the plan module's dry run words them, and a plan checked
     * before it is applied shows its problems, or its dry run.
     */
    @Test
    void anApprovalClickedInTheBrowserReachesTheRunAndThePlanPagesShowTheDryRun() throws Exception {
        String id = UUID.randomUUID().toString();
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        "--ferry.planner.security.http-commands-without-login=true");
                var bus = new Bus("phase.started", "phase.completed", "migration.finished")) {
            bus.start(id, "shop", PlannerFlowIT.SHOP_PLAN, Map.of("sourceCommit", "a".repeat(40)));
            Path invalid = data.resolve("invalid.yaml");
            Files.writeString(invalid, PlannerFlowIT.SHOP_PLAN.replace("dependsOn: [split]", "dependsOn: [splitt]"));
            Path valid = data.resolve("shop.yaml");
            Files.writeString(valid, PlannerFlowIT.SHOP_PLAN);

            JsonNode seen = browseTheRun(
                    planner, bus, id, null, "approve-in-browser.cjs", invalid.toString(), valid.toString());

            assertThat(seen.path("approved").asText())
                    .isEqualTo("approve for deploy-prod applied (by local-user (dashboard))");
            assertThat(seen.path("runSucceeded").asBoolean()).isTrue();
            JsonNode audit = PlannerFlowIT.get(planner, "/migrations/" + id + "/audit");
            assertThat(audit.findValuesAsText("issuedBy")).contains("local-user (dashboard)");
            assertThat(audit.findValuesAsText("command")).contains("approve");

            DryRun dryRun = DryRun.of(PlanReader.read("shop.yaml", PlannerFlowIT.SHOP_PLAN));
            assertThat(texts(seen.path("dryRunPhases")))
                    .hasSize(6)
                    .anySatisfy(row -> assertThat(row).contains(PHASE, "deploy", "waits for approval"))
                    .anySatisfy(row -> assertThat(row).contains("on demand", "rollback-prod", "rollback in prod"));
            assertThat(texts(seen.path("dryRunServices"))).containsExactly("cart", "orders", "web");
            assertThat(texts(seen.path("cartSteps"))).hasSize(6).anySatisfy(line -> assertThat(line)
                    .contains(
                            "4. " + PHASE + " → " + step(dryRun, "cart", PHASE).does())
                    .contains("[waits for approval]"));
            assertThat(seen.path("planDocument").asText()).contains("name: shop", "approval: required");
            assertThat(texts(seen.path("problems")))
                    .singleElement()
                    .asString()
                    .contains("phases[1].dependsOn", "\"splitt\"", "\"split\"");
            assertThat(seen.path("checkedValid").asText()).isEqualTo("Valid plan shop.");
            assertThat(texts(seen.path("checkedWebSteps")))
                    .first()
                    .asString()
                    .contains("1. split → " + step(dryRun, "web", "split").does());
            for (String shot : List.of(
                    "dashboard-runs.png",
                    "dashboard-run-awaiting-approval.png",
                    "dashboard-run-succeeded.png",
                    "dashboard-run-plan.png",
                    "dashboard-check-invalid.png")) {
                assertThat(screenshots.resolve(shot)).isNotEmptyFile();
            }
        }
    }

    /**
     * With an identity provider, the page asks for a login before it shows anything; a viewer's pasted token shows the
     * run, but the run refuses the viewer's approval and the page says which role it takes; an approver logs in at the
     * provider (authorization code with PKCE), is back on the run and approves; the audit log names both by the name
     * their tokens carry.
     */
    @Test
    void theBrowserLogsInAtTheIdentityProviderOrWithATokenAndTheRunJudgesTheRoles() throws Exception {
        String id = UUID.randomUUID().toString();
        try (var identities = IdentityProvider.start()) {
            var arguments = new ArrayList<>(List.of("--ferry.planner.data-directory=" + data));
            arguments.addAll(identities.plannerArguments());
            try (var planner = ServiceBoot.start(PlannerApplication.class, arguments.toArray(String[]::new));
                    var bus = new Bus("phase.started", "phase.completed", "migration.finished")) {
                String operator = identities.token("olga", List.of("operator"));
                bus.publish(MigrationCommand.newBuilder()
                        .setMetadata(PEOPLE.first(id))
                        .setIssuedBy(new Actor("olga", "cli"))
                        .setToken(operator)
                        .setCommand(new StartMigration(
                                PlannerFlowIT.SHOP_PLAN, "shop", Map.of("sourceCommit", "a".repeat(40))))
                        .build());

                identities.signsIn("pat", List.of("approver:prod"));
                JsonNode seen = browseTheRun(
                        planner,
                        bus,
                        id,
                        operator,
                        "login-in-browser.cjs",
                        identities.token("vera", List.of("viewer")));

                assertThat(seen.path("withoutToken").asText()).contains("carries no token");
                assertThat(seen.path("loggedInAs").asText()).isEqualTo("vera");
                assertThat(seen.path("viewerApproval").asText())
                        .isEqualTo("approve for deploy-prod refused: vera (api) may not approve deploy-prod: it takes"
                                + " the role approver or approver:prod or admin; their roles: viewer");
                assertThat(seen.path("providerLogin").asText())
                        .isEqualTo(
                                "Log in at " + URI.create(identities.issuer()).getAuthority());
                assertThat(seen.path("returnedTo").asText()).isEqualTo("#/runs/" + id);
                assertThat(seen.path("loggedInAtProvider").asText()).isEqualTo("pat");
                assertThat(seen.path("approverApproval").asText())
                        .isEqualTo("approve for deploy-prod applied (by pat (api))");
                assertThat(seen.path("runSucceeded").asBoolean()).isTrue();
                JsonNode audit = PlannerFlowIT.get(planner, "/migrations/" + id + "/audit", operator);
                assertThat(audit.findValuesAsText("issuedBy")).containsSubsequence("vera (api)", "pat (api)");
                assertThat(audit.findValuesAsText("applied")).containsExactly("true", "false", "true");
                assertThat(screenshots.resolve("dashboard-login.png")).isNotEmptyFile();
            }
        }
    }

    /**
     * Once the run waits for approval of {@link #PHASE}, runs a browser script on it with the planner's address, the
     * run's id, the phase, the screenshot directory and {@code more}; in-test workers answer the run's steps meanwhile.
     *
     * @param token a viewer's token to read the run's state with; null when the planner verifies no identities
     */
    private JsonNode browseTheRun(
            ConfigurableApplicationContext planner, Bus bus, String id, String token, String script, String... more)
            throws Exception {
        return whileWorkersAnswer(bus, id, () -> {
            awaitApprovalWait(planner, id, token);
            var arguments = new ArrayList<>(List.of(
                    address(planner), id, PHASE, screenshots.toAbsolutePath().toString()));
            arguments.addAll(List.of(more));
            return browse(script, arguments.toArray(String[]::new));
        });
    }

    /** Runs {@code browsing} while in-test workers answer the run's steps in the background until it finishes. */
    private static JsonNode whileWorkersAnswer(Bus bus, String id, Callable<JsonNode> browsing) throws Exception {
        var workers = new Workers(bus, id, Set.of());
        var stop = new AtomicBoolean();
        var finished = new AtomicReference<MigrationFinished>();
        ExecutorService answering = Executors.newSingleThreadExecutor();
        try {
            // Only the background thread touches the bus from now on.
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
            JsonNode seen = browsing.call();
            stop.set(true);
            answers.get(30, TimeUnit.SECONDS);
            return seen;
        } finally {
            stop.set(true);
            answering.shutdownNow();
        }
    }

    private static void awaitApprovalWait(ConfigurableApplicationContext planner, String id, String token) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phaseState(planner, id, token).equals("AWAITING_APPROVAL"));
    }

    private static String phaseState(ConfigurableApplicationContext planner, String id, String token)
            throws IOException, InterruptedException {
        JsonNode status = PlannerFlowIT.get(planner, "/migrations/" + id, token);
        if (status == null) {
            return "";
        }
        for (JsonNode phase : status.path("phases")) {
            if (phase.path("name").asText().equals(PHASE)) {
                return phase.path("state").asText();
            }
        }
        return "";
    }

    private static DryRun.Step step(DryRun dryRun, String service, String phase) {
        return dryRun.services().stream()
                .filter(s -> s.name().equals(service))
                .flatMap(s -> s.steps().stream())
                .filter(step -> step.phase().equals(phase))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String address(ConfigurableApplicationContext planner) {
        return "http://localhost:"
                + ((WebServerApplicationContext) planner).getWebServer().getPort();
    }

    /** Runs one script of src/test/dashboard in Chromium; what it saw, from its last line. */
    private JsonNode browse(String script, String... arguments) throws IOException, InterruptedException {
        Path nodeModules = playwrightCore();
        Files.createDirectories(screenshots);
        var command = new ArrayList<>(
                List.of("node", Path.of("src/test/dashboard", script).toString()));
        command.addAll(List.of(arguments));
        var run = new ProcessBuilder(command).redirectErrorStream(true);
        run.environment().put("FERRY_NODE_MODULES", nodeModules.toAbsolutePath().toString());
        Process browser = run.start();
        String output;
        try (var in = browser.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(browser.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(browser.exitValue())
                .as("the browser test %s: %s", script, output)
                .isZero();
        List<String> lines = output.strip().lines().toList();
        return JSON.readTree(lines.getLast());
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
