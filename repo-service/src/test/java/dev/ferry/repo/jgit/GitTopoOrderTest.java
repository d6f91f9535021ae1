package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The split walks commits in {@code git rev-list --topo-order --reverse}'s order, git fast-export's: that order decides
 * whether a commit named in a message was already written (and its hash rewritten) or comes later (and stays).
 */
class GitTopoOrderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void ordersCommitsAsGitRevListTopoOrderDoes(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 120);
        try (var repository =
                        new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(repository.resolve("main"));
            assertThat(names(GitTopoOrder.of(walk, tip, null)))
                    .isEqualTo(GitCli.lines(source, "rev-list", "--topo-order", "--reverse", "main"));

            String older =
                    GitCli.lines(source, "rev-list", "--topo-order", "main").get(25);
            assertThat(names(GitTopoOrder.of(walk, tip, walk.parseCommit(ObjectId.fromString(older)))))
                    .as("only the commits since an earlier head, as an incremental split walks them")
                    .isEqualTo(GitCli.lines(source, "rev-list", "--topo-order", "--reverse", "main", "^" + older));
        }
    }

    @Test
    void aMessageNamingACommitWrittenLaterKeepsItsHashAsFilterRepoDoes() throws Exception {
        Path source = dir.resolve("forward.git");
        String y1;
        String x1;
        try (var repo = new HistoryBuilder(source)) {
            var files = new LinkedHashMap<String, String>(Map.of("svc/a/f", "0\n"));
            ObjectId root = repo.commit("root\n", files);
            var x = new LinkedHashMap<>(files);
            x.put("svc/a/x", "x\n");
            ObjectId xCommit = repo.commit("x1 on a side branch\n", x, root);
            var y = new LinkedHashMap<>(files);
            y.put("svc/a/y", "y\n");
            // Made after x1 and naming it; merged as the first parent, so git lists it before x1.
            ObjectId yCommit = repo.commit("y1, follows up on " + xCommit.name() + "\n", y, root);
            var merged = new LinkedHashMap<>(x);
            merged.putAll(y);
            repo.branch("main", repo.commit("merge x\n", merged, yCommit, xCommit));
            x1 = xCommit.name();
            y1 = yCommit.name();
        }
        List<String> order = GitCli.lines(source, "rev-list", "--topo-order", "--reverse", "main");
        assertThat(order.indexOf(y1)).as("git writes y1 before x1").isLessThan(order.indexOf(x1));

        FilterRepo expected = FilterRepo.subdirectoryFilter(source, "main", "svc/a", dir);
        try (var repository =
                        new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var work = WorkRepositories.borrowingFrom(repository, dir.resolve("work.git"))) {
            ObjectId head = JGitHistorySplitter.of(repository, work)
                    .split("main", List.of(ServicePath.of("svc/a")))
                    .get(ServicePath.of("svc/a"))
                    .head()
                    .orElseThrow();
            assertThat(GitCli.lines(dir.resolve("work.git"), "rev-list", "--topo-order", "--reverse", head.name()))
                    .isEqualTo(expected.commits());
            assertThat(GitCli.run(dir.resolve("work.git"), "log", "--format=%s", head.name()))
                    .as("x1 was not written yet when y1 was, so its hash stays")
                    .contains("y1, follows up on " + x1);
        }
    }

    private static List<String> names(List<RevCommit> commits) {
        return commits.stream().map(RevCommit::name).toList();
    }
}
