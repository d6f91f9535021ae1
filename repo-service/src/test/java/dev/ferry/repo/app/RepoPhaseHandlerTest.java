package dev.ferry.repo.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.repo.github.GithubRepositories;
import dev.ferry.repo.github.GithubSettings;
import dev.ferry.repo.jgit.FilterRepo;
import dev.ferry.repo.jgit.GitCli;
import dev.ferry.repo.jgit.RandomMonorepo;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split phase from the planner's event to pushed repositories, with real git on both ends: local bare targets, a
 * smart-HTTP server behind basic auth, and GitHub's REST API as a local stand-in that checks the exact requests.
 */
class RepoPhaseHandlerTest {

    private static final String TOKEN = "ghp_test-token-never-logged";
    private static final MetadataFactory METADATA = MetadataFactory.forProducer("repo-service", Clock.systemUTC());

    @TempDir
    static Path shared;

    static Path source;
    static Map<String, FilterRepo> expected = new java.util.HashMap<>();
    static SmartHttpGitServer gitServer;
    static WireMockServer github;

    @TempDir
    Path dir;

    @BeforeAll
    static void monorepo() throws Exception {
        source = shared.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(6), 60); // a seed where filter-repo 2.38 keeps every source tree
        for (String path : List.of("svc/a", "svc/b", "web")) {
            expected.put(path, FilterRepo.subdirectoryFilter(source, "main", path, shared));
        }
        gitServer = SmartHttpGitServer.start("x-access-token", TOKEN);
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gitServer.close();
        github.stop();
    }

    private RepoPhaseHandler handler() {
        return handler(Map.of("github-token", TOKEN));
    }

    private RepoPhaseHandler handler(Map<String, String> tokens) {
        var api = new GithubRepositories(URI.create(github.baseUrl()), HttpClient.newHttpClient());
        return new RepoPhaseHandler(
                dir.resolve("data"),
                new RepoPhaseHandler.Github(
                        Set.of("127.0.0.1:" + gitServer.port()),
                        api,
                        new GithubSettings(URI.create(github.baseUrl()), HttpClient.newHttpClient())),
                reference -> Optional.ofNullable(tokens.get(reference)),
                METADATA,
                Clock.systemUTC());
    }

    private static String head(Path repository) throws Exception {
        return GitCli.run(repository, "rev-parse", "refs/heads/main").trim();
    }

    private static String filterRepoHead(String path) throws Exception {
        return GitCli.run(expected.get(path).repository(), "rev-parse", "main").trim();
    }

    @Test
    void everyServiceIsSplitInOneWalkAndPushedToItsLocalTarget() throws Exception {
        var services = List.of(
                Phases.service(
                        "a",
                        source.toString(),
                        "svc/a",
                        Phases.target(dir.resolve("a.git").toString())),
                Phases.service("b", source.toString(), "svc/b", Phases.target("file://" + dir.resolve("b.git"))),
                Phases.service(
                        "web",
                        source.toString(),
                        "web",
                        Phases.target(dir.resolve("web.git").toString())));
        PhaseStarted phase = Phases.split("m-local", services);

        List<SpecificRecord> events = handler().handle(phase, progress -> {});

        assertThat(events).hasSize(3).allMatch(RepoSplit.class::isInstance);
        for (SpecificRecord event : events) {
            var split = (RepoSplit) event;
            String path = services.stream()
                    .filter(s -> s.getService().equals(split.getService()))
                    .findFirst()
                    .orElseThrow()
                    .getSource()
                    .getPath();
            Path target = dir.resolve(split.getService() + ".git");
            assertThat(head(target)).as(path).isEqualTo(split.getTargetCommit());
            assertThat(split.getTargetCommit())
                    .as("%s equals git filter-repo's head", path)
                    .isEqualTo(filterRepoHead(path));
            assertThat(split.getCommitsKept())
                    .isEqualTo(expected.get(path).commits().size());
            assertThat(split.getSourceCommit()).isEqualTo(head(source));
            assertThat(split.getMetadata().getCausationId())
                    .isEqualTo(phase.getMetadata().getEventId());
            assertThat(split.getMetadata().getMigrationId()).isEqualTo("m-local");
        }
    }

    @Test
    void aRepeatedPhaseChangesNothingAndReportsTheSameCommits() throws Exception {
        var services = List.of(Phases.service(
                "a",
                source.toString(),
                "svc/a",
                Phases.target(dir.resolve("a.git").toString())));
        PhaseStarted phase = Phases.split("m-repeat", services);
        var handler = handler();
        var first = (RepoSplit) handler.handle(phase, progress -> {}).getFirst();
        String reflogBefore = GitCli.run(dir.resolve("a.git"), "rev-list", "--all");
        var again = (RepoSplit) handler.handle(phase, progress -> {}).getFirst();
        assertThat(again.getTargetCommit()).isEqualTo(first.getTargetCommit());
        assertThat(GitCli.run(dir.resolve("a.git"), "rev-list", "--all")).isEqualTo(reflogBefore);
    }

    @Test
    void aSplitRepeatedOnATargetWithCommitsOnTopLeavesThemThere() throws Exception {
        var services = List.of(Phases.service(
                "a",
                source.toString(),
                "svc/a",
                Phases.target(dir.resolve("ahead.git").toString())));
        var first = (RepoSplit) handler()
                .handle(Phases.split("m-ahead", services), progress -> {})
                .getFirst();
        ObjectId scaffold;
        try (Repository target = new FileRepositoryBuilder()
                .setGitDir(dir.resolve("ahead.git").toFile())
                .build()) {
            scaffold = BareCommits.commit(target, Map.of("CODEOWNERS", "* @acme/a\n"), "scaffold");
        }

        var again = (RepoSplit) handler()
                .handle(Phases.split("m-ahead-2", services), progress -> {})
                .getFirst();

        assertThat(again.getTargetCommit()).isEqualTo(first.getTargetCommit());
        assertThat(head(dir.resolve("ahead.git")))
                .as("the commit on top of the split stays")
                .isEqualTo(scaffold.name());
    }

    @Test
    void aTargetWithUnrelatedHistoryIsRefusedUnlessThePlanSaysForce() throws Exception {
        Path target = dir.resolve("taken.git");
        Path other = dir.resolve("other.git");
        RandomMonorepo.generate(other, new Random(99), 5);
        GitCli.run(dir, "clone", "--quiet", "--bare", other.toString(), target.toString());
        String theirs = head(target);

        var refused = handler()
                .handle(
                        Phases.split(
                                "m-unrelated",
                                List.of(Phases.service(
                                        "a", source.toString(), "svc/a", Phases.target(target.toString())))),
                        progress -> {});
        var failure = (StepFailed) refused.getFirst();
        assertThat(failure.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(failure.getReason())
                .contains(target.toString())
                .contains(theirs)
                .contains("not part of this split's history")
                .contains("force: true");
        assertThat(failure.getRetryable()).isFalse();
        assertThat(head(target)).as("target untouched").isEqualTo(theirs);

        TargetRepository forced = Phases.target(target.toString());
        forced.setForce(true);
        var replaced = (RepoSplit) handler()
                .handle(
                        Phases.split("m-unrelated", List.of(Phases.service("a", source.toString(), "svc/a", forced))),
                        progress -> {})
                .getFirst();
        assertThat(head(target)).isEqualTo(replaced.getTargetCommit()).isEqualTo(filterRepoHead("svc/a"));
    }

    @Test
    void pushesOverSmartHttpWithTheTokenAndFailsClearlyWithAWrongOne() throws Exception {
        gitServer.createRepository("users-http");
        Path served = gitServer.directory("users-http");
        TargetRepository target = Phases.target(gitServer.url("users-http"));
        target.setCredentialRef("github-token");
        var service = Phases.service("users", source.toString(), "svc/b", target);

        var wrong = (StepFailed) handler(Map.of("github-token", "wrong"))
                .handle(Phases.split("m-http", List.of(service)), progress -> {})
                .getFirst();
        assertThat(wrong.getErrorKind()).as(wrong.getReason()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(wrong.getReason()).contains(gitServer.url("users-http")).doesNotContain("wrong");
        assertThat(GitCli.lines(served, "for-each-ref")).isEmpty();

        var pushed = (RepoSplit) handler()
                .handle(Phases.split("m-http", List.of(service)), progress -> {})
                .getFirst();
        assertThat(head(served)).isEqualTo(pushed.getTargetCommit()).isEqualTo(filterRepoHead("svc/b"));
        assertThat(pushed.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingGithubRepositoryIsCreatedWithThePlansVisibilityThenPushed() throws Exception {
        gitServer.createRepository("acme/web");
        Path served = gitServer.directory("acme/web");
        github.stubFor(get("/repos/acme/web").willReturn(aResponse().withStatus(404)));
        github.stubFor(
                post("/orgs/acme/repos").willReturn(aResponse().withStatus(201).withBody("{}")));
        github.stubFor(patch(urlEqualTo("/repos/acme/web"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        TargetRepository target = Phases.target(gitServer.url("acme/web"));
        target.setCredentialRef("github-token");
        target.setVisibility("internal");
        target.setDefaultBranch("main");

        var pushed = (RepoSplit) handler()
                .handle(
                        Phases.split("m-github", List.of(Phases.service("web", source.toString(), "web", target))),
                        progress -> {})
                .getFirst();

        github.verify(postRequestedFor(urlEqualTo("/orgs/acme/repos"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withRequestBody(equalToJson(
                        "{\"name\":\"web\",\"visibility\":\"internal\",\"private\":true,\"auto_init\":false}")));
        github.verify(patchRequestedFor(urlEqualTo("/repos/acme/web"))
                .withRequestBody(equalToJson("{\"default_branch\":\"main\"}")));
        assertThat(head(served)).isEqualTo(pushed.getTargetCommit()).isEqualTo(filterRepoHead("web"));
    }

    @Test
    void cutoverPutsTheNoticeInTheSourceReadmeOnceAndArchivesItOnGithub() throws Exception {
        Path served = gitServer.directory("acme/monorepo");
        GitCli.run(shared, "clone", "--quiet", "--bare", source.toString(), served.toString());
        String before = head(served);
        github.stubFor(patch(urlEqualTo("/repos/acme/monorepo"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        String url = gitServer.url("acme/monorepo");
        var services = List.of(
                withSourceCredential(Phases.service("a", url, "svc/a", Phases.target("https://github.com/acme/a.git"))),
                withSourceCredential(
                        Phases.service("web", url, "web", Phases.target("https://github.com/acme/web.git"))));
        PhaseStarted cutover = PhaseStarted.newBuilder(Phases.split("m-cutover", services))
                .setPhase("cutover")
                .setAction(dev.ferry.contracts.avro.PhaseAction.ARCHIVE)
                .build();

        var events = handler().handle(cutover, progress -> {});

        assertThat(events).hasSize(2).allMatch(SourceArchived.class::isInstance);
        var archived = (SourceArchived) events.getFirst();
        assertThat(archived.getNoticeCommit()).isEqualTo(head(served));
        assertThat(archived.getArchivedOnHost()).isTrue();
        assertThat(GitCli.run(served, "rev-parse", "main~1").trim())
                .as("a fast-forward on the old head")
                .isEqualTo(before);
        assertThat(GitCli.run(served, "show", "main:README.md"))
                .contains("This repository is archived")
                .contains("- **a**: https://github.com/acme/a.git")
                .contains("- **web**: https://github.com/acme/web.git")
                .endsWith("monorepo\n");
        github.verify(patchRequestedFor(urlEqualTo("/repos/acme/monorepo"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"archived\":true}")));

        var again = (SourceArchived) handler().handle(cutover, progress -> {}).getFirst();
        assertThat(again.getNoticeCommit())
                .isEqualTo(archived.getNoticeCommit())
                .isEqualTo(head(served));
    }

    @Test
    void unarchiveMakesTheSourceWritableOnGithubAndRevertsTheNoticeOnce() throws Exception {
        Path served = gitServer.directory("acme/monorepo-back");
        GitCli.run(shared, "clone", "--quiet", "--bare", source.toString(), served.toString());
        String readme = GitCli.run(served, "show", "main:README.md");
        github.stubFor(patch(urlEqualTo("/repos/acme/monorepo-back"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        var services = List.of(withSourceCredential(Phases.service(
                "a", gitServer.url("acme/monorepo-back"), "svc/a", Phases.target("https://github.com/acme/a.git"))));
        var archive = (SourceArchived) handler()
                .handle(Phases.onSource(PhaseAction.ARCHIVE, "cutover", "m-back", services, Map.of()), p -> {})
                .getFirst();
        PhaseStarted unarchive =
                Phases.onSource(PhaseAction.UNARCHIVE, "rollback-cutover", "m-back", services, Map.of());

        var outputs =
                ((StepSucceeded) handler().handle(unarchive, progress -> {}).getFirst()).getOutputs();

        String revert = head(served);
        assertThat(outputs).containsEntry("revertCommit", revert).containsEntry("unarchivedOnHost", "true");
        assertThat(GitCli.run(served, "rev-parse", "main~1").trim())
                .as("a fast-forward on the notice commit, which stays in the history")
                .isEqualTo(archive.getNoticeCommit());
        assertThat(GitCli.run(served, "show", "main:README.md")).isEqualTo(readme);
        assertThat(GitCli.run(served, "log", "-1", "--format=%B", "main"))
                .contains("This reverts commit " + archive.getNoticeCommit() + ".");
        github.verify(patchRequestedFor(urlEqualTo("/repos/acme/monorepo-back"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"archived\":false}")));

        var again = ((StepSucceeded) handler().handle(unarchive, progress -> {}).getFirst()).getOutputs();
        assertThat(again).containsEntry("revertCommit", "");
        assertThat(head(served)).as("nothing committed the second time").isEqualTo(revert);
    }

    @Test
    void mergeBringsRepositoriesUnderTheirDirectoriesAndRefusesATakenOneUntouched() throws Exception {
        Path served = gitServer.directory("acme/platform");
        GitCli.run(
                shared,
                "clone",
                "--quiet",
                "--bare",
                expected.get("web").repository().toString(),
                served.toString());
        String before = head(served);
        var services = List.of(withSourceCredential(
                Phases.service("platform", gitServer.url("acme/platform"), "", Phases.target("unused"))));
        String monorepoSource = source.toString();
        String existing = GitCli.lines(served, "ls-tree", "--name-only", "main").getFirst();
        PhaseStarted taken = Phases.onSource(
                PhaseAction.MERGE,
                "into-platform",
                "m-merge",
                services,
                Map.of("repositories.1", monorepoSource + " -> " + existing));

        var refused = (StepFailed) handler().handle(taken, progress -> {}).getFirst();
        assertThat(refused.getReason())
                .contains(existing + " already exists in " + gitServer.url("acme/platform"))
                .contains("nothing was pushed");
        assertThat(head(served)).isEqualTo(before);

        PhaseStarted merge = Phases.onSource(
                PhaseAction.MERGE,
                "into-platform",
                "m-merge",
                services,
                Map.of("repositories.1", monorepoSource + "#main -> legacy/monorepo/"));
        var outputs = ((StepSucceeded) handler().handle(merge, progress -> {}).getFirst()).getOutputs();

        assertThat(outputs).containsEntry("mergeCommit", head(served));
        assertThat(GitCli.run(served, "log", "-1", "--format=%P", "main").trim())
                .startsWith(before + " ")
                .endsWith(outputs.get("rewrittenHeads").substring("legacy/monorepo=".length()));
        assertThat(GitCli.run(served, "rev-parse", "main:legacy/monorepo").trim())
                .isEqualTo(GitCli.run(source, "rev-parse", "main^{tree}").trim());
    }

    private static ServiceWork withSourceCredential(ServiceWork work) {
        work.setParameters(Map.of(RepoPhaseHandler.SOURCE_CREDENTIAL, "github-token"));
        return work;
    }

    @Test
    void aBadServiceFailsAloneAndAMissingSourceFailsEveryService() throws Exception {
        var good = Phases.service(
                "a",
                source.toString(),
                "svc/a",
                Phases.target(dir.resolve("a.git").toString()));
        var absent = Phases.service(
                "ghost",
                source.toString(),
                "svc/ghost",
                Phases.target(dir.resolve("g.git").toString()));
        var escaping = Phases.service(
                "evil",
                source.toString(),
                "../etc",
                Phases.target(dir.resolve("e.git").toString()));
        var events = handler().handle(Phases.split("m-bad", List.of(good, absent, escaping)), progress -> {});

        assertThat(events).filteredOn(RepoSplit.class::isInstance).hasSize(1);
        var failures = new ArrayList<StepFailed>();
        events.stream()
                .filter(StepFailed.class::isInstance)
                .map(StepFailed.class::cast)
                .forEach(failures::add);
        assertThat(failures).extracting(StepFailed::getService).containsExactlyInAnyOrder("ghost", "evil");
        assertThat(failures)
                .filteredOn(f -> f.getService().equals("ghost"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getErrorKind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(f.getReason()).contains("svc/ghost does not exist at the head of main");
                });
        assertThat(failures)
                .filteredOn(f -> f.getService().equals("evil"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(f.getReason()).contains("..");
                });

        List<ServiceWork> nowhere = List.of(
                Phases.service(
                        "a",
                        dir.resolve("nope.git").toString(),
                        "svc/a",
                        Phases.target(dir.resolve("x.git").toString())),
                Phases.service(
                        "b",
                        dir.resolve("nope.git").toString(),
                        "svc/b",
                        Phases.target(dir.resolve("y.git").toString())));
        var missing = handler().handle(Phases.split("m-missing", nowhere), progress -> {});
        assertThat(missing).hasSize(2).allSatisfy(event -> {
            var failure = (StepFailed) event;
            assertThat(failure.getErrorKind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(failure.getReason()).contains("nope.git").contains("not found");
        });
    }
}
