package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.github.GithubActionsPlayer;
import dev.ferry.repo.github.Actions;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.repo.github.Libsodium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A {@code run} phase with {@code runsOn: github-actions} on Ferry's five services embedded on a real broker, with
 * GitHub's REST API as the stateful stand-in: the plan registers Ferry's webhook on the service's repository, then
 * dispatches the repository's {@code integration.yml} with its inputs and follows the run. The test plays only GitHub
 * Actions: for each dispatch it runs the workflow to the conclusion it chooses and GitHub delivers {@code workflow_run}
 * to the webhook Ferry registered, signed with its secret. Once the run succeeds and the step passes; once it fails,
 * which fails the step and the run.
 *
 * <p>Build-service asks GitHub about the run only every five minutes, so a step that ends within seconds was ended by
 * the delivery.
 */
@ExtendWith(OutputCaptureExtension.class)
class GithubActionsJobIT {

    private static final String ORG = "acme";
    private static final String REPOSITORY = "orders";
    private static final String SERVICE = "orders";
    private static final String PHASE = "integration";
    private static final String ADMIN_TOKEN = "ghp_orders-admin-e2e-2b6d";
    private static final String ACTIONS_TOKEN = "ghp_orders-actions-e2e-8f31";
    private static final String HOOK_SECRET = "hook-orders-e2e-secret-c47a";
    private static final List<String> SECRETS = List.of(ADMIN_TOKEN, ACTIONS_TOKEN, HOOK_SECRET);
    private static final Duration POLL_INTERVAL = Duration.ofMinutes(5);
    private static final String WORKFLOW = """
            name: integration
            run-name: ${{ inputs.ferry_job }}
            on:
              workflow_dispatch:
                inputs:
                  ferry_job:
                    description: The Ferry job this run is
                    required: true
                  suite:
                    description: Which tests to run
                    required: false
                    default: all
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - name: Run ${{ inputs.suite }} tests
                    run: make test SUITE=${{ inputs.suite }}
            """;

    @TempDir
    Path data;

    @Test
    void theDispatchedWorkflowsConclusionGatesTheStepAndItsWebhookEndsTheWait(CapturedOutput output) throws Exception {
        try (var github = GithubStandIn.start(Libsodium.generate());
                var broker = EmbeddedBroker.start()) {
            GithubStandIn.Repository repository = github.repository(ORG, REPOSITORY);
            repository.files.put(".github/workflows/integration.yml", WORKFLOW);
            try (var services = new EmbeddedServices(settings(broker, github))) {
                services.startAll();
                String webhook = "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/webhooks/github";
                String plan = plan(github.host(), webhook);
                var actions = new GithubActionsPlayer(github);
                var runs = new PlanRuns(
                        broker.bootstrapServers(),
                        "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/migrations/",
                        Duration.ofSeconds(90));

                var succeeded = new AtomicReference<ObjectNode>();
                PlanRuns.Run passed = runs.run(
                        plan,
                        "orders-integration",
                        Set.of(),
                        PHASE,
                        1,
                        started -> play(started, actions, "success", succeeded));

                assertThat(repository.hooks()).singleElement().satisfies(hook -> assertThat(
                                hook.path("config").path("url").asText())
                        .isEqualTo(webhook));
                Map<String, String> outputs = passed.outputs(PHASE, SERVICE);
                assertThat(repository.actions.dispatches())
                        .singleElement()
                        .as("the dispatch GitHub received")
                        .isEqualTo(new Actions.Dispatch(
                                "integration.yml",
                                "main",
                                Map.of("suite", "smoke", "ferry_job", outputs.get("jobName"))));
                assertThat(github.server().getAllServeEvents())
                        .filteredOn(event -> event.getRequest().getUrl().endsWith("/dispatches"))
                        .singleElement()
                        .satisfies(event -> assertThat(event.getRequest().getHeader("Authorization"))
                                .isEqualTo("Bearer " + ACTIONS_TOKEN));
                assertThat(outputs)
                        .containsEntry("exitCode", "0")
                        .containsEntry("ranOn", "github-actions")
                        .containsEntry(
                                "logUrl", succeeded.get().path("html_url").asText());
                assertThat(outputs.get("outputTail"))
                        .contains("workflow run "
                                + succeeded.get().path("html_url").asText() + " completed: success")
                        .contains("job test: success");
                assertThat(took(passed))
                        .as("from the phase's start to the step's end; GitHub is polled every %s", POLL_INTERVAL)
                        .isLessThan(Duration.ofSeconds(45));

                var failed = new AtomicReference<ObjectNode>();
                PlanRuns.Run broken = runs.runToEnd(
                        plan, "orders-integration", Set.of(), started -> play(started, actions, "failure", failed));

                assertThat(repository.actions.dispatches()).hasSize(2);
                assertThat(broken.of(StepFailed.class)).singleElement().satisfies(step -> {
                    assertThat(step.getPhase()).isEqualTo(PHASE);
                    assertThat(step.getService()).isEqualTo(SERVICE);
                    assertThat(step.getReason())
                            .contains("exited with code 1")
                            .contains("workflow run "
                                    + failed.get().path("html_url").asText() + " completed: failure")
                            .contains("job test: failure (step 'Run smoke tests' failed)");
                });
                assertThat(broken.of(MigrationFinished.class))
                        .singleElement()
                        .extracting(MigrationFinished::getOutcome)
                        .isEqualTo(MigrationOutcome.FAILED);

                NoSecrets.assertNoneIn(SECRETS, output.getAll(), passed, broken);
            }
        }
    }

    /** GitHub Actions' part, once the run phase starts: the dispatched workflow runs and ends with {@code conclusion}. */
    private static void play(
            PhaseStarted started, GithubActionsPlayer actions, String conclusion, AtomicReference<ObjectNode> run) {
        if (!started.getPhase().equals(PHASE)) {
            return;
        }
        var job = new Actions.Job(
                "test",
                conclusion,
                List.of(
                        new Actions.Step("Set up job", "success"),
                        new Actions.Step("Run actions/checkout@v4", "success"),
                        new Actions.Step("Run smoke tests", conclusion)));
        try {
            run.set(actions.runNextDispatch(ORG, REPOSITORY, "integration.yml", conclusion, List.of(job)));
        } catch (Exception e) {
            throw new AssertionError("GitHub Actions failed: " + e, e);
        }
    }

    /** How long the run phase's step took, by the events' times. */
    private static Duration took(PlanRuns.Run run) {
        PhaseStarted started = run.of(PhaseStarted.class).stream()
                .filter(phase -> phase.getPhase().equals(PHASE))
                .findFirst()
                .orElseThrow();
        StepSucceeded ended = run.of(StepSucceeded.class).stream()
                .filter(step -> step.getPhase().equals(PHASE))
                .findFirst()
                .orElseThrow();
        return Duration.between(
                started.getMetadata().getOccurredAt(), ended.getMetadata().getOccurredAt());
    }

    /**
     * One service whose repository is on the stand-in's GitHub: Ferry registers its webhook there, then runs the
     * repository's integration workflow with the smoke suite.
     */
    private static String plan(String githubHost, String webhook) {
        return """
                apiVersion: ferry.dev/v1
                kind: MigrationPlan
                metadata:
                  name: orders-integration
                  description: The orders service's integration tests, run by its own GitHub Actions workflow
                spec:
                  services:
                    - name: orders
                      path: services/orders
                      target:
                        repository: http://%s/acme/orders.git
                        defaultBranch: main
                        credentialRef: github-token
                  phases:
                    - name: configure
                      action: configure-repository
                      webhookUrl: %s
                      webhookSecretRef: ferry-webhook
                    - name: integration
                      action: run
                      dependsOn: [configure]
                      runsOn: github-actions
                      workflow: integration.yml
                      inputs:
                        suite: smoke
                """.formatted(githubHost, webhook);
    }

    private Map<FerryService, Map<String, Object>> settings(EmbeddedBroker broker, GithubStandIn github) {
        var layout = new DemoLayout(data.resolve("ferry"));
        layout.prepare();
        Map<FerryService, Map<String, Object>> settings = new LinkedHashMap<>();
        DemoSettings.of(layout, broker.bootstrapServers(), null)
                .forEach((service, values) -> settings.put(service, new HashMap<>(values)));
        // The credentials the plan names, by name; the plan holds none of them.
        settings.get(FerryService.REPO)
                .putAll(Map.of(
                        "ferry.repo.github-api",
                        github.baseUrl(),
                        "ferry.repo.github-hosts",
                        github.host(),
                        "ferry.credentials.github-token",
                        ADMIN_TOKEN,
                        "ferry.credentials.ferry-webhook",
                        HOOK_SECRET));
        settings.get(FerryService.BUILD)
                .putAll(Map.of(
                        "ferry.build.github-actions.hosts",
                        github.host(),
                        "ferry.build.jobs.github-actions.token-ref",
                        "github-actions",
                        "ferry.build.jobs.github-actions.poll-interval",
                        POLL_INTERVAL.toString(),
                        "ferry.build.jobs.github-actions.api-urls[" + github.host() + "]",
                        github.baseUrl(),
                        "ferry.build.credentials.github-actions.password",
                        ACTIONS_TOKEN));
        settings.get(FerryService.PLANNER).put("ferry.planner.github.webhook-secret", HOOK_SECRET);
        return settings;
    }
}
