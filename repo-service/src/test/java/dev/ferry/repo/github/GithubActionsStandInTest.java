package dev.ferry.repo.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in's Actions endpoints answer as GitHub's documentation shows, from the state the test gives them. */
class GithubActionsStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = "on: workflow_dispatch\njobs: {}\n";

    private final GithubStandIn github = GithubStandIn.start(Libsodium.generate());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void servesAFileOfTheDefaultBranchAsBase64() throws Exception {
        github.repository("acme", "orders").files.put(".github/workflows/integration.yml", WORKFLOW);

        HttpResponse<String> file = call("GET", "/contents/.github/workflows/integration.yml?ref=main", null);

        assertThat(file.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(file.body());
        assertThat(body.path("encoding").asText()).isEqualTo("base64");
        assertThat(new String(
                        Base64.getMimeDecoder().decode(body.path("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo(WORKFLOW);
        assertThat(call("GET", "/contents/.github/workflows/integration.yml?ref=release", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/contents/.github/workflows/deploy.yml?ref=main", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void recordsADispatchOfAWorkflowThatExists() throws Exception {
        var repository = github.repository("acme", "orders");
        repository.files.put(".github/workflows/integration.yml", WORKFLOW);

        String dispatch = "{\"ref\": \"main\", \"inputs\": {\"suite\": \"smoke\"}}";
        assertThat(call("POST", "/actions/workflows/integration.yml/dispatches", dispatch)
                        .statusCode())
                .isEqualTo(204);
        assertThat(call("POST", "/actions/workflows/deploy.yml/dispatches", dispatch)
                        .statusCode())
                .isEqualTo(404);

        assertThat(repository.actions.dispatches())
                .containsExactly(new Actions.Dispatch("integration.yml", "main", Map.of("suite", "smoke")));
    }

    @Test
    void listsAWorkflowsRunsNewestFirstAndShowsEachRunItsJobsAndItsCancellation() throws Exception {
        var repository = github.repository("acme", "orders");
        repository.files.put(".github/workflows/integration.yml", WORKFLOW);
        var dispatch = new Actions.Dispatch("integration.yml", "main", Map.of());
        long first = repository
                .actions
                .start(dispatch, "first", "a".repeat(40))
                .path("id")
                .asLong();
        long second = repository
                .actions
                .start(dispatch, "second", "b".repeat(40))
                .path("id")
                .asLong();
        repository.actions.complete(
                first,
                "failure",
                List.of(new Actions.Job("test", "failure", List.of(new Actions.Step("pytest", "failure")))));

        JsonNode runs = JSON.readTree(call(
                        "GET",
                        "/actions/workflows/integration.yml/runs?event=workflow_dispatch&branch=main&per_page=50",
                        null)
                .body());
        assertThat(runs.path("workflow_runs").findValuesAsText("display_title")).containsExactly("second", "first");
        assertThat(JSON.readTree(call("GET", "/actions/workflows/integration.yml/runs?branch=release", null)
                                .body())
                        .path("workflow_runs"))
                .isEmpty();
        JsonNode run = JSON.readTree(call("GET", "/actions/runs/" + first, null).body());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("conclusion").asText()).isEqualTo("failure");
        assertThat(run.path("path").asText()).isEqualTo(".github/workflows/integration.yml");
        JsonNode jobs = JSON.readTree(
                call("GET", "/actions/runs/" + first + "/jobs", null).body());
        assertThat(jobs.path("jobs")
                        .get(0)
                        .path("steps")
                        .get(0)
                        .path("conclusion")
                        .asText())
                .isEqualTo("failure");

        assertThat(call("POST", "/actions/runs/" + second + "/cancel", null).statusCode())
                .isEqualTo(202);
        assertThat(call("POST", "/actions/runs/" + first + "/cancel", null).statusCode())
                .as("a completed run")
                .isEqualTo(409);
        assertThat(JSON.readTree(call("GET", "/actions/runs/" + second, null).body())
                        .path("conclusion")
                        .asText())
                .isEqualTo("cancelled");
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(github.baseUrl() + "/repos/acme/orders" + path))
                .header("Accept", "application/vnd.github+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
