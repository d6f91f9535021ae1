package dev.ferry.repo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubSettings;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.repo.github.Libsodium;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restructure with {@code pullRequest: true}, on a real git server over smart HTTP: the commit goes to
 * {@code ferry/<plan>-<phase>} with the backup tag while the branch stays; on GitHub (the stand-in) one pull request
 * into the branch is opened, and found open the second time; elsewhere the output says why none was opened.
 */
class RestructurePullRequestTest {

    @TempDir
    Path dir;

    private static final String TOKEN = "ghp_restructure-pr-token-9c1e";
    private static final String REPOSITORY = "iot-sim/platform";
    /** The branch the commit goes to: ferry/<plan>-<phase>. */
    private static final String PROPOSAL = "refs/heads/ferry/iot-restructure";

    private SmartHttpGitServer git;
    private GithubStandIn github;
    private ObjectId before;

    @BeforeEach
    void repository() throws Exception {
        git = SmartHttpGitServer.start("x-access-token", TOKEN);
        github = GithubStandIn.start(Libsodium.generate());
        git.createRepository(REPOSITORY);
        try (Repository platform = git.open(REPOSITORY)) {
            before = BareCommits.commit(
                    platform,
                    Map.of(
                            "app/main.py", "from app.api import router\nfrom app.db import session\n",
                            "app/api.py", "router = None\n",
                            "README.md", "# IoT platform\n"),
                    "the IoT platform as it is");
        }
    }

    @AfterEach
    void stop() {
        git.close();
        github.close();
    }

    @Test
    void onGithubTheCommitGoesToItsOwnBranchAndOnePullRequestIsOpened() throws Exception {
        var platform = github.repository("iot-sim", "platform");

        var first = succeeded(handler(Set.of("127.0.0.1:" + git.port())), "m-pr");
        var second = succeeded(handler(Set.of("127.0.0.1:" + git.port())), "m-pr");

        assertThat(ref("refs/heads/main")).as("the branch stays").isEqualTo(before);
        assertThat(ref("refs/tags/backup-before-iot")).isEqualTo(before);
        RevCommit proposed = commit(ref(PROPOSAL));
        assertThat(proposed.getParent(0).getId()).isEqualTo(before);
        assertThat(first.getOutputs())
                .containsEntry("restructureCommit", proposed.name())
                .containsEntry("proposalBranch", "ferry/iot-restructure")
                .containsEntry("pullRequestUrl", "http://" + github.host() + "/iot-sim/platform/pull/1")
                .containsEntry("pullRequestNote", "pull request opened");
        assertThat(second.getOutputs())
                .containsEntry("restructureCommit", proposed.name())
                .containsEntry("pullRequestUrl", "http://" + github.host() + "/iot-sim/platform/pull/1")
                .containsEntry("pullRequestNote", "pull request already open, not opened again");
        assertThat(platform.pullRequests()).singleElement().satisfies(pull -> {
            assertThat(pull.path("title").asText()).contains("restructure", "plan iot");
            assertThat(pull.path("head").path("ref").asText()).isEqualTo("ferry/iot-restructure");
            assertThat(pull.path("base").path("ref").asText()).isEqualTo("main");
            assertThat(pull.path("body").asText())
                    .contains("- move app -> backend/app", "^from app\\.: 2", "backup-before-iot")
                    .doesNotContain("Ferry-Restructure-Run");
        });
    }

    @Test
    void elsewhereTheBranchIsPushedAndTheOutputSaysWhyNoPullRequestWasOpened() throws Exception {
        var outputs = succeeded(handler(Set.of()), "m-no-pr").getOutputs();

        assertThat(ref("refs/heads/main")).isEqualTo(before);
        assertThat(commit(ref(PROPOSAL)).getParent(0).getId()).isEqualTo(before);
        assertThat(outputs)
                .containsEntry("proposalBranch", "ferry/iot-restructure")
                .containsEntry("pullRequestUrl", "")
                .hasEntrySatisfying("pullRequestNote", note -> assertThat(note)
                        .contains("no pull request opened", "not on a GitHub host", "ferry/iot-restructure"));
        github.server()
                .verify(
                        0,
                        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    private StepSucceeded succeeded(RepoPhaseHandler handler, String migration) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("moves.app", "backend/app");
        settings.put("rewrite.^from app\\.", "from backend.app.");
        settings.put("backupTag", "backup-before-iot");
        settings.put("pullRequest", "true");
        List<ServiceWork> services =
                List.of(ServiceWork.newBuilder(Phases.service("backend", git.url(REPOSITORY), "backend", null))
                        .setParameters(Map.of(RepoPhaseHandler.SOURCE_CREDENTIAL, "github-token"))
                        .build());
        return (StepSucceeded) handler.handle(Phases.restructure(migration, services, settings), p -> {})
                .getFirst();
    }

    private RepoPhaseHandler handler(Set<String> githubHosts) {
        URI api = URI.create(github.baseUrl());
        return new RepoPhaseHandler(
                dir.resolve("data"),
                new RepoPhaseHandler.Github(
                        githubHosts,
                        new GithubRepositories(api, HttpClient.newHttpClient()),
                        new GithubSettings(api, HttpClient.newHttpClient())),
                reference -> reference.equals("github-token") ? Optional.of(TOKEN) : Optional.empty(),
                MetadataFactory.forProducer("repo-service", Clock.systemUTC()),
                Clock.systemUTC());
    }

    private ObjectId ref(String name) throws Exception {
        try (Repository platform = git.open(REPOSITORY)) {
            var ref = platform.exactRef(name);
            if (ref == null) {
                return null;
            }
            ObjectId peeled = platform.getRefDatabase().peel(ref).getPeeledObjectId();
            return name.startsWith(Constants.R_TAGS) && peeled != null ? peeled : ref.getObjectId();
        }
    }

    private RevCommit commit(ObjectId id) throws Exception {
        try (Repository platform = git.open(REPOSITORY);
                var walk = new RevWalk(platform)) {
            return walk.parseCommit(id);
        }
    }
}
