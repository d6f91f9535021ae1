package dev.ferry.deploy.jgit;

import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.allReachable;
import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.fileAtHead;
import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.kustomizeOverlays;
import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.overlay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.GitOpsWriteBack;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagChange;
import dev.ferry.deploy.domain.TagLocation;
import dev.ferry.deploy.domain.WriteOutcome;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsWriteBackIT {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GitOpsWriteBackIT.class);

    private static final String USER = "ferry-bot";
    private static final String TOKEN = "gho_not-a-real-token";
    private static final UsernamePasswordCredentialsProvider CREDENTIALS =
            new UsernamePasswordCredentialsProvider(USER, TOKEN);

    @TempDir
    Path work;

    private SmartHttpGitServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() {
        server = SmartHttpGitServer.start(USER, TOKEN).denyNonFastForwards(true);
        executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        server.close();
    }

    @Test
    void everyConcurrentBumpLandsOverHttpWhileAnotherWriterPushes() throws Exception {
        String url = server.createRepository("gitops");

        var race = race(url, 50);

        try (Repository bare = server.open("gitops")) {
            assertRaceLostNothing(bare, race, 50);
        }
    }

    @Test
    void everyConcurrentBumpLandsOverFileUrls() throws Exception {
        Path bareDir = work.resolve("bare.git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(bareDir.toFile())
                .call()
                .close();

        var race = race(bareDir.toUri().toString(), 30);

        try (Repository bare = Git.open(bareDir.toFile()).getRepository()) {
            assertRaceLostNothing(bare, race, 30);
        }
    }

    @Test
    void makesNoCommitWhenTheFileAlreadyHoldsTheTag() throws Exception {
        String url = server.createRepository("gitops");
        ObjectId initial = GitOpsRepositoryFixture.seed(
                url, work.resolve("seed"), CREDENTIALS, kustomizeOverlays(List.of("auth"), "dev"));

        var outcome = writeBack(url).submit(change("auth", "v0.0.1")).join();

        assertThat(outcome).isEqualTo(new WriteOutcome.AlreadyCurrent(initial.name()));
        try (Repository bare = server.open("gitops")) {
            assertThat(bare.resolve("refs/heads/main")).isEqualTo(initial);
        }
    }

    @Test
    void namesServiceTagEnvironmentAndMigrationInOneCommit() throws Exception {
        String url = server.createRepository("gitops");
        GitOpsRepositoryFixture.seed(
                url, work.resolve("seed"), CREDENTIALS, Map.of("environments/prod/user-service/values.yaml", """
                        # prod overrides
                        images:
                          userService:
                            tag: user-service-def456  # CI
                        """));
        var change = new TagChange(
                "user-service",
                "prod",
                "fitsync-split-1",
                "environments/prod/user-service/values.yaml",
                new TagLocation.HelmValue(KeyPath.parse("images.userService.tag")),
                ImageVersion.tagged("user-service-9f8e7d6"),
                false,
                "evt-1/user-service");

        var outcome = (WriteOutcome.Committed) writeBack(url).submit(change).join();

        try (Repository bare = server.open("gitops");
                Git git = new Git(bare)) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getName()).isEqualTo(outcome.commit());
            assertThat(head.getShortMessage())
                    .isEqualTo("Deploy user-service user-service-9f8e7d6 in prod (migration fitsync-split-1)");
            assertThat(head.getFullMessage()).contains("Ferry-Step: evt-1/user-service");
            assertThat(fileAtHead(bare, "environments/prod/user-service/values.yaml"))
                    .isEqualTo("""
                        # prod overrides
                        images:
                          userService:
                            tag: user-service-9f8e7d6  # CI
                        """);
        }
    }

    @Test
    void refusesWrongCredentialsAsAnAuthenticationProblemWithoutTheToken() throws Exception {
        String url = server.createRepository("gitops");
        GitOpsRepositoryFixture.seed(url, work.resolve("seed"), CREDENTIALS, kustomizeOverlays(List.of("auth"), "dev"));
        var workspaces = JGitWorkspaces.withCredentials(
                work.resolve("wrong"), Map.of("gitops", new JGitWorkspaces.Credentials(USER, "wrong-token")));
        var writeBack =
                new GitOpsWriteBack(workspaces.open(new GitOpsTarget(url, "main", Optional.of("gitops"))), executor, 5);

        assertThatThrownBy(() -> writeBack.submit(change("auth", "v2")).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("wrong-token")
                .satisfies(e -> assertThat(((StepFailure) e).kind()).isEqualTo(StepFailure.Kind.AUTHENTICATION));
    }

    @Test
    void failsOnlyTheChangeWhoseFileIsMissing() throws Exception {
        String url = server.createRepository("gitops");
        GitOpsRepositoryFixture.seed(url, work.resolve("seed"), CREDENTIALS, kustomizeOverlays(List.of("auth"), "dev"));
        var writeBack = writeBack(url);

        var missing = writeBack.submit(change("payment", "v2"));
        var present = writeBack.submit(change("auth", "v2"));

        assertThat(present.join()).isInstanceOf(WriteOutcome.Committed.class);
        assertThatThrownBy(missing::join)
                .cause()
                .hasMessageContaining("GitOps file apps/payment/overlays/dev/kustomization.yaml does not exist");
    }

    @Test
    void refusesAFileThatIsASymbolicLinkOutOfTheRepositoryAndLeavesItsTargetAlone() throws Exception {
        String url = server.createRepository("gitops");
        Path outside = Files.writeString(work.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path seed = work.resolve("seed-link");
        try (Git git =
                Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Path overlay = seed.resolve(GitOpsRepositoryFixture.overlay("auth", "dev"));
            Files.createDirectories(overlay.getParent());
            Files.createSymbolicLink(overlay, outside);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("a link out").setSign(false).call();
            git.push()
                    .setRemote(url)
                    .add("main")
                    .setCredentialsProvider(CREDENTIALS)
                    .call();
        }

        var refused = writeBack(url).submit(change("auth", "v2"));

        assertThatThrownBy(refused::join)
                .cause()
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("goes through the symbolic link 'apps/auth/overlays/dev/kustomization.yaml'")
                .satisfies(e -> assertThat(((StepFailure) e).kind()).isEqualTo(StepFailure.Kind.INVALID_INPUT));
        assertThat(Files.readString(outside)).isEqualTo("root:x:0:0:root:/root:/bin/bash\n");
    }

    record Race(List<CompletableFuture<WriteOutcome>> bumps, List<ObjectId> otherCommits, GitOpsWriteBack writeBack) {}

    private Race race(String url, int services) throws Exception {
        var names = IntStream.range(0, services).mapToObj(i -> "svc-" + i).toList();
        GitOpsRepositoryFixture.seed(url, work.resolve("seed"), CREDENTIALS, kustomizeOverlays(names, "dev"));
        var writeBack = writeBack(url);
        try (var other = new GitOpsRepositoryFixture.OtherWriter(url, work.resolve("other"), CREDENTIALS)) {
            var otherDone = CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < 8; i++) {
                            try {
                                other.pushUnrelatedCommit(i);
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        }
                    },
                    executor);
            var bumps = new ArrayList<CompletableFuture<WriteOutcome>>();
            for (String name : names) {
                bumps.add(CompletableFuture.supplyAsync(() -> writeBack.submit(change(name, name + "-v2")), executor)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(bumps.toArray(CompletableFuture[]::new)).join();
            otherDone.join();
            return new Race(bumps, List.copyOf(other.pushed()), writeBack);
        }
    }

    private static void assertRaceLostNothing(Repository bare, Race race, int services) throws Exception {
        log.info(
                "race services={} commits={} rejectedPushes={}",
                services,
                race.writeBack.commitsMade(),
                race.writeBack.pushesRejected());
        for (int i = 0; i < services; i++) {
            assertThat(fileAtHead(bare, overlay("svc-" + i, "dev")))
                    .contains("newTag: svc-" + i + "-v2   # set by Ferry");
        }
        var ours = race.bumps.stream()
                .map(CompletableFuture::join)
                .map(o -> ObjectId.fromString(o.revision()))
                .toList();
        assertThat(allReachable(bare, "main", race.otherCommits))
                .as("other writer's commits kept")
                .isTrue();
        assertThat(allReachable(bare, "main", ours))
                .as("write-back commits kept")
                .isTrue();
        assertThat(race.otherCommits).hasSize(8);
        // Batching: far fewer commits than services (one seed commit, the other writer's eight, ours).
        assertThat(race.writeBack.commitsMade()).isLessThan(services / 2);
        assertThat(GitOpsRepositoryFixture.commitCount(bare)).isEqualTo(1 + 8 + race.writeBack.commitsMade());
    }

    private GitOpsWriteBack writeBack(String url) {
        var workspaces = JGitWorkspaces.withCredentials(
                work.resolve("workspaces"), Map.of("gitops", new JGitWorkspaces.Credentials(USER, TOKEN)));
        return new GitOpsWriteBack(workspaces.open(new GitOpsTarget(url, "main", Optional.of("gitops"))), executor, 50);
    }

    private static TagChange change(String service, String tag) {
        return new TagChange(
                service,
                "dev",
                "m-1",
                overlay(service, "dev"),
                new TagLocation.KustomizeImage(service),
                ImageVersion.tagged(tag),
                false,
                "evt/" + service);
    }
}
