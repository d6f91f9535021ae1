package dev.ferry.build.job.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobEnd;
import dev.ferry.build.domain.job.JobNames;
import dev.ferry.build.domain.job.JobPlace;
import dev.ferry.build.domain.job.JobSpec;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner against a stand-in of GitHub's REST API at the HTTP level, with the production HTTP client. */
class GithubWorkflowJobRunnerTest {

    private static final String TOKEN = "ghp_ferrytesttoken0123456789";
    private static final String REPO = "/repos/acme/orders";
    private static final String WORKFLOW_FILE = REPO + "/contents/.github/workflows/integration.yml?ref=main";
    private static final String RUNS = REPO + "/actions/workflows/integration.yml/runs";
    private static final String DISPATCH = REPO + "/actions/workflows/integration.yml/dispatches";
    private static final String RUN = REPO + "/actions/runs/42";
    private static final String RUN_PAGE = "https://github.com/acme/orders/actions/runs/42";
    private static final String DISPATCHABLE = """
            name: integration
            run-name: ${{ inputs.ferry_job }}
            on:
              workflow_dispatch:
                inputs:
                  ferry_job: {required: true}
                  suite: {required: false}
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: pytest
            """;

    private final String name = JobNames.of("m-1", "test", "orders", 1);
    private final WorkflowRunSignals signals = new WorkflowRunSignals();
    private final List<String> lines = new ArrayList<>();
    private WireMockServer github;

    @BeforeEach
    void startGithub() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
    }

    @AfterEach
    void stopGithub() {
        github.stop();
    }

    @Test
    void dispatchesTheWorkflowWithTheJobsNameAndReportsItsSuccess() {
        stubWorkflowFile(DISPATCHABLE);
        stubRunAppearsOnDispatch();
        stubRun("completed", "success");
        stubJobs("""
                {"jobs": [{"name": "test", "conclusion": "success",
                           "steps": [{"name": "pytest", "conclusion": "success"}]}]}
                """);

        JobEnd end = runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add);

        assertThat(end.exitCode()).isZero();
        assertThat(end.timedOut()).isFalse();
        assertThat(end.logUrl()).isEqualTo(RUN_PAGE);
        assertThat(lines).containsExactly("workflow run " + RUN_PAGE + " completed: success", "job test: success");
        github.verify(
                1,
                postRequestedFor(urlEqualTo(DISPATCH))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withRequestBody(
                                equalToJson("{\"ref\": \"main\", \"inputs\": {\"suite\": \"smoke\", \"ferry_job\": \""
                                        + name + "\"}}")));
    }

    @Test
    void aFailedRunExitsWithOneAndNamesTheFailedStep() {
        stubWorkflowFile(DISPATCHABLE);
        stubRunAppearsOnDispatch();
        stubRun("completed", "failure");
        stubJobs("""
                {"jobs": [{"name": "lint", "conclusion": "success", "steps": []},
                          {"name": "test", "conclusion": "failure",
                           "steps": [{"name": "checkout", "conclusion": "success"},
                                     {"name": "pytest", "conclusion": "failure"}]}]}
                """);

        JobEnd end = runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add);

        assertThat(end.exitCode()).isEqualTo(1);
        assertThat(end.logUrl()).isEqualTo(RUN_PAGE);
        assertThat(lines)
                .containsExactly(
                        "workflow run " + RUN_PAGE + " completed: failure",
                        "job lint: success",
                        "job test: failure (step 'pytest' failed)");
    }

    @Test
    void aRedeliveredStepFollowsTheRunItAlreadyDispatched() {
        stubWorkflowFile(DISPATCHABLE);
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runs(run("in_progress", null)))));
        stubRun("completed", "success");
        stubJobs("{\"jobs\": []}");

        JobEnd end = runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add);

        assertThat(end.exitCode()).isZero();
        github.verify(0, postRequestedFor(urlEqualTo(DISPATCH)));
        github.verify(getRequestedFor(urlPathEqualTo(RUNS))
                .withQueryParam("event", equalTo("workflow_dispatch"))
                .withQueryParam("branch", equalTo("main")));
    }

    @Test
    void aMissingWorkflowFileIsNotFoundNamingIt() {
        github.stubFor(get(urlEqualTo(WORKFLOW_FILE)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason())
                            .contains(
                                    "workflow .github/workflows/integration.yml does not exist in acme/orders at main");
                });
        github.verify(0, postRequestedFor(urlEqualTo(DISPATCH)));
    }

    @Test
    void aWorkflowWithoutWorkflowDispatchIsRefusedSayingWhatToAdd() {
        stubWorkflowFile("name: ci\non: [push, pull_request]\njobs: {}\n");

        assertThatThrownBy(() -> runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
                    assertThat(failure.reason())
                            .contains(".github/workflows/integration.yml")
                            .contains("has no workflow_dispatch trigger")
                            .contains("ferry_job")
                            .contains("run-name: ${{ inputs.ferry_job }}");
                });
        github.verify(0, postRequestedFor(urlEqualTo(DISPATCH)));
    }

    @Test
    void aRunPastTheDeadlineIsCancelledAndStopped() {
        stubWorkflowFile(DISPATCHABLE);
        stubRunAppearsOnDispatch();
        stubRun("in_progress", null);
        github.stubFor(post(urlEqualTo(RUN + "/cancel")).willReturn(aResponse().withStatus(202)));

        JobEnd end = runner(Duration.ofMillis(50)).run(job(Duration.ofMillis(600)), lines::add);

        assertThat(end.timedOut()).isTrue();
        assertThat(end.logUrl()).isEqualTo(RUN_PAGE);
        github.verify(1, postRequestedFor(urlEqualTo(RUN + "/cancel")));
        github.verify(0, getRequestedFor(urlEqualTo(RUN + "/jobs?per_page=100")));
    }

    @Test
    void aWorkflowRunDeliveryEndsTheWaitBeforeTheNextPoll() throws Exception {
        stubWorkflowFile(DISPATCHABLE);
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runs(run("in_progress", null)))));
        github.stubFor(
                runStub().inScenario("run").whenScenarioStateIs(STARTED).willReturn(okJson(run("in_progress", null))));
        stubJobs("{\"jobs\": []}");
        var runner = runner(Duration.ofMinutes(5));

        CompletableFuture<JobEnd> end =
                CompletableFuture.supplyAsync(() -> runner.run(job(Duration.ofMinutes(10)), lines::add));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> github.verify(1, getRequestedFor(urlEqualTo(RUN))));
        github.stubFor(runStub()
                .inScenario("run")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(run("completed", "success"))));
        assertThat(signals.completed("Acme/Orders", name)).isTrue();

        assertThat(end.get(10, TimeUnit.SECONDS).exitCode()).isZero();
    }

    @Test
    void aRefusedTokenFailsNamingTheRepositoryButNeverTheToken() {
        github.stubFor(get(urlEqualTo(WORKFLOW_FILE)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason()).contains("acme/orders").doesNotContain(TOKEN);
                });
    }

    @Test
    void aDispatchGithubRefusesIsInvalidInputWithGithubsReason() {
        stubWorkflowFile(DISPATCHABLE);
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runs())));
        github.stubFor(post(urlEqualTo(DISPATCH))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Unexpected inputs provided: [\\\"suite\\\"]\"}")));

        assertThatThrownBy(() -> runner(Duration.ofMillis(50)).run(job(Duration.ofSeconds(20)), lines::add))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.reason()).contains("Unexpected inputs provided");
                });
    }

    private GithubWorkflowJobRunner runner(Duration pollInterval) {
        var apis = new GithubApis(
                HttpClient.newHttpClient(),
                Set.of("github.com"),
                Map.of("github.com", URI.create(github.baseUrl())),
                () -> Optional.of(TOKEN),
                Duration.ofSeconds(5));
        return new GithubWorkflowJobRunner(apis, signals, pollInterval, Clock.systemUTC());
    }

    private JobSpec job(Duration deadline) {
        return new JobSpec(
                name,
                "orders",
                null,
                List.of(),
                Map.of(),
                Set.of(),
                Optional.empty(),
                "/workspace",
                deadline,
                new JobPlace.GithubActions(
                        "https://github.com/acme/orders.git", "main", "integration.yml", Map.of("suite", "smoke")));
    }

    private void stubWorkflowFile(String text) {
        String content = Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        github.stubFor(get(urlEqualTo(WORKFLOW_FILE))
                .willReturn(okJson("{\"type\": \"file\", \"encoding\": \"base64\", \"content\": \""
                        + content.replace("\r\n", "\\n") + "\"}")));
    }

    /** No run of the job until the dispatch, then one. */
    private void stubRunAppearsOnDispatch() {
        github.stubFor(get(urlPathEqualTo(RUNS))
                .inScenario("dispatch")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(runs())));
        github.stubFor(post(urlEqualTo(DISPATCH))
                .inScenario("dispatch")
                .willSetStateTo("dispatched")
                .willReturn(aResponse().withStatus(204)));
        github.stubFor(get(urlPathEqualTo(RUNS))
                .inScenario("dispatch")
                .whenScenarioStateIs("dispatched")
                .willReturn(okJson(runs(run("queued", null)))));
    }

    private void stubRun(String status, String conclusion) {
        github.stubFor(runStub().willReturn(okJson(run(status, conclusion))));
    }

    private static MappingBuilder runStub() {
        return get(urlEqualTo(RUN));
    }

    private void stubJobs(String json) {
        github.stubFor(get(urlEqualTo(RUN + "/jobs?per_page=100")).willReturn(okJson(json)));
    }

    /** An older run of another job first: only the title tells the job's own run apart. */
    private String runs(String... runs) {
        String other = "{\"id\": 7, \"display_title\": \"ferry-test-orders-0000-a1\", \"status\": \"completed\","
                + " \"conclusion\": \"success\", \"html_url\": \"https://github.com/acme/orders/actions/runs/7\"}";
        return "{\"workflow_runs\": [" + String.join(", ", runs) + (runs.length > 0 ? ", " : "") + other + "]}";
    }

    private String run(String status, String conclusion) {
        return "{\"id\": 42, \"display_title\": \"" + name + "\", \"status\": \"" + status + "\", \"conclusion\": "
                + (conclusion == null ? "null" : "\"" + conclusion + "\"") + ", \"html_url\": \"" + RUN_PAGE + "\"}";
    }
}
