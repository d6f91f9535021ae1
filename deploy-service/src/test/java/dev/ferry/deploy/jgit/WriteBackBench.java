package dev.ferry.deploy.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.GitOpsWriteBack;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.TagChange;
import dev.ferry.deploy.domain.TagLocation;
import dev.ferry.deploy.domain.WriteOutcome;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark, not a test of the build (its name matches neither surefire's nor failsafe's patterns): 100
 * services' deploy steps arrive at once against one GitOps repository served over smart HTTP; prints the time until
 * every tag is pushed, the commits made and the pushes rejected. Run with {@code bench/deploy-service/run.sh}.
 */
class WriteBackBench {

    private static final int SERVICES = Integer.getInteger("bench.services", 100);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @TempDir
    Path work;

    @Test
    void hundredServicesAtOnce() throws Exception {
        var credentials = new UsernamePasswordCredentialsProvider("bench", "token");
        var names = IntStream.range(0, SERVICES).mapToObj(i -> "svc-" + i).toList();
        try (var server = SmartHttpGitServer.start("bench", "token");
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            String url = server.createRepository("gitops");
            GitOpsRepositoryFixture.seed(
                    url, work.resolve("seed"), credentials, GitOpsRepositoryFixture.kustomizeOverlays(names, "dev"));
            var workspaces = JGitWorkspaces.withCredentials(
                    work.resolve("ws"), Map.of("gitops", new JGitWorkspaces.Credentials("bench", "token")));
            var writeBack = new GitOpsWriteBack(
                    workspaces.open(new GitOpsTarget(url, "main", Optional.of("gitops"))), executor, 50);
            // Warm-up: the first JGit use on a machine probes the file system for seconds; clone before timing.
            writeBack.submit(change("svc-0", "warmup")).join();
            for (int round = 1; round <= ROUNDS; round++) {
                long commitsBefore = writeBack.commitsMade();
                long rejectedBefore = writeBack.pushesRejected();
                long started = System.nanoTime();
                String tag = "round-" + round;
                List<CompletableFuture<WriteOutcome>> bumps = names.stream()
                        .map(n -> CompletableFuture.supplyAsync(() -> writeBack.submit(change(n, tag)), executor)
                                .thenCompose(f -> f))
                        .toList();
                CompletableFuture.allOf(bumps.toArray(CompletableFuture[]::new)).join();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(bumps).allSatisfy(b -> assertThat(b.join()).isInstanceOf(WriteOutcome.Committed.class));
                System.out.printf(
                        "BENCH round=%d services=%d millis=%d commits=%d rejectedPushes=%d%n",
                        round,
                        SERVICES,
                        millis,
                        writeBack.commitsMade() - commitsBefore,
                        writeBack.pushesRejected() - rejectedBefore);
            }
        }
    }

    private static TagChange change(String service, String tag) {
        return new TagChange(
                service,
                "dev",
                "bench",
                GitOpsRepositoryFixture.overlay(service, "dev"),
                new TagLocation.KustomizeImage(service),
                ImageVersion.tagged(service + "-" + tag),
                false,
                "bench/" + service + "/" + tag);
    }
}
