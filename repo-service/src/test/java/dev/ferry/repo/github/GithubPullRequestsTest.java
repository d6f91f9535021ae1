package dev.ferry.repo.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.repo.domain.SplitFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pull request opened once against the GitHub stand-in: found open the second time, a refusal named. */
class GithubPullRequestsTest {

    private static GithubStandIn github;
    private static GithubPullRequests pulls;

    @BeforeAll
    static void start() {
        // Each test works in a repository of its own, so the stand-in is not reset between them.
        github = GithubStandIn.start(Libsodium.generate());
        pulls = new GithubPullRequests(URI.create(github.baseUrl()), HttpClient.newHttpClient(), wait -> {});
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @Test
    void opensThePullRequestOnceAndFindsItOpenTheSecondTime() {
        var platform = github.repository("iot-sim", "platform");
        var proposal = new GithubPullRequests.Proposal(
                "ferry/iot-restructure", "main", "Ferry: restructure of plan iot", "- app -> backend/app");

        var opened = pulls.open(new GithubRepository("iot-sim", "platform"), "ghp_token", proposal);
        var again = pulls.open(new GithubRepository("iot-sim", "platform"), "ghp_token", proposal);

        assertThat(opened.opened()).isTrue();
        assertThat(opened.url()).isEqualTo("http://" + github.host() + "/iot-sim/platform/pull/1");
        assertThat(again).isEqualTo(new GithubPullRequests.PullRequest(opened.url(), false));
        assertThat(platform.pullRequests()).singleElement().satisfies(pull -> {
            assertThat(pull.path("head").path("ref").asText()).isEqualTo("ferry/iot-restructure");
            assertThat(pull.path("base").path("ref").asText()).isEqualTo("main");
            assertThat(pull.path("body").asText()).isEqualTo("- app -> backend/app");
        });
        github.server()
                .verify(
                        1,
                        postRequestedFor(urlEqualTo("/repos/iot-sim/platform/pulls"))
                                .withHeader("Authorization", equalTo("Bearer ghp_token")));
    }

    @Test
    void aTokenWithoutThePermissionIsNamed() {
        github.repository("iot-sim", "firmware");
        github.stage("GET", "/repos/iot-sim/firmware/pulls", 403, Map.of());

        assertThatThrownBy(() -> pulls.open(
                        new GithubRepository("iot-sim", "firmware"),
                        "ghp_token",
                        new GithubPullRequests.Proposal("ferry/x", "main", "t", "b")))
                .isInstanceOf(SplitFailure.class)
                .hasMessageContaining("Pull requests: write");
    }
}
