package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splitting again after the source branch moved forward walks only the new commits and gives exactly the commits a full
 * split gives; a branch that was rewritten (its old head no longer an ancestor) falls back to a full split.
 */
class IncrementalSplitTest {

    private static final List<ServicePath> SERVICES =
            List.of(ServicePath.of("svc/a"), ServicePath.of("svc/b"), ServicePath.of("web"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void continuingFromAnOlderHeadGivesTheFullSplit(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 80);
        // An older head: any ancestor of main, not only a first-parent one, so the new commits include merged branches.
        List<String> history = GitCli.lines(source, "rev-list", "--topo-order", "main");
        String older = history.get(3 + new Random(seed).nextInt(history.size() / 2));
        GitCli.run(source, "branch", "older", older);
        int newCommits = GitCli.lines(source, "rev-list", "older..main").size();

        try (Repository repo = open(source)) {
            Map<ServicePath, SplitResult> full;
            try (var work = WorkRepositories.borrowingFrom(repo, dir.resolve("full.git"))) {
                full = JGitHistorySplitter.of(repo, work).split("main", SERVICES);
            }
            Path state = dir.resolve("state/split.state");
            try (var work = WorkRepositories.borrowingFrom(repo, dir.resolve("incremental.git"))) {
                var splitter = JGitHistorySplitter.of(repo, work);
                splitter.split("older", SERVICES, state, SplitProgress.NONE);
                var again = splitter.split("main", SERVICES, state, SplitProgress.NONE);
                for (ServicePath service : SERVICES) {
                    assertThat(again.get(service).head())
                            .as("%s continued from %s", service, older)
                            .isEqualTo(full.get(service).head());
                    assertThat(again.get(service).commitsKept())
                            .isEqualTo(full.get(service).commitsKept());
                    assertThat(again.get(service).commitsWalkedThisRun()).isEqualTo(newCommits);
                }
                var nothingNew = splitter.split("main", SERVICES, state, SplitProgress.NONE);
                assertThat(nothingNew.get(SERVICES.getFirst()).commitsWalkedThisRun())
                        .isZero();
                assertThat(nothingNew.get(SERVICES.getFirst()).head())
                        .isEqualTo(full.get(SERVICES.getFirst()).head());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {31})
    void aRewrittenBranchIsSplitInFull(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 40);
        Path other = dir.resolve("other.git");
        RandomMonorepo.generate(other, new Random(seed + 1), 40);
        GitCli.run(source, "fetch", "--quiet", other.toString(), "main:unrelated");

        try (Repository repo = open(source);
                var work = WorkRepositories.borrowingFrom(repo, dir.resolve("work.git"))) {
            Path state = dir.resolve("split.state");
            var splitter = JGitHistorySplitter.of(repo, work);
            splitter.split("unrelated", SERVICES, state, SplitProgress.NONE);
            var afterRewrite = splitter.split("main", SERVICES, state, SplitProgress.NONE);
            var full = splitter.split("main", SERVICES);
            int all = GitCli.lines(source, "rev-list", "main").size();
            for (ServicePath service : SERVICES) {
                assertThat(afterRewrite.get(service).commitsWalkedThisRun()).isEqualTo(all);
                assertThat(afterRewrite.get(service).head())
                        .isEqualTo(full.get(service).head());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {41})
    void aDamagedStateFileIsIgnored(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 30);
        try (Repository repo = open(source);
                var work = WorkRepositories.borrowingFrom(repo, dir.resolve("work.git"))) {
            Path state = dir.resolve("split.state");
            var splitter = JGitHistorySplitter.of(repo, work);
            Map<ServicePath, SplitResult> first = splitter.split("main", SERVICES, state, SplitProgress.NONE);
            byte[] bytes = Files.readAllBytes(state);
            Files.write(state, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            var second = splitter.split("main", SERVICES, state, SplitProgress.NONE);
            ObjectId head = first.get(SERVICES.getFirst()).head().orElseThrow();
            assertThat(second.get(SERVICES.getFirst()).head()).contains(head);
            assertThat(second.get(SERVICES.getFirst()).commitsWalkedThisRun())
                    .isEqualTo(first.get(SERVICES.getFirst()).commitsWalked());
        }
    }

    private static Repository open(Path gitDir) throws java.io.IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
    }
}
