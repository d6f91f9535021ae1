package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random monorepo histories (seeded, so a failure reproduces) with branches, merges of every shape, files moving
 * between services and shared code, services deleted and re-created, and empty commits: Ferry's split must give
 * filter-repo's commits exactly, wherever filter-repo itself keeps the source trees (see {@link FilterRepo}).
 */
class RandomHistoriesMatchFilterRepoTest {

    private static final Logger log = LoggerFactory.getLogger(RandomHistoriesMatchFilterRepoTest.class);
    private static final List<String> SERVICES = List.of("svc/a", "svc/b", "web");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesFilterRepo(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 60);
        try (var sourceRepo =
                        new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var work = WorkRepositories.borrowingFrom(sourceRepo, dir.resolve("work.git"))) {
            var results = JGitHistorySplitter.of(sourceRepo, work)
                    .split("main", SERVICES.stream().map(ServicePath::of).toList());
            for (String service : SERVICES) {
                var expected = FilterRepo.subdirectoryFilter(source, "main", service, dir);
                var head = results.get(ServicePath.of(service)).head();
                List<String> ours = head.isEmpty()
                        ? List.of()
                        : GitCli.lines(
                                dir.resolve("work.git"),
                                "rev-list",
                                "--topo-order",
                                "--reverse",
                                head.get().name());
                boolean identical = ours.equals(expected.commits());
                log.info(
                        "seed={} service={} filterRepoCommits={} ferryCommits={} identical={}",
                        seed,
                        service,
                        expected.commits().size(),
                        ours.size(),
                        identical);
                if (!identical) {
                    assertDivergenceIsFilterRepo238sMergeBug(seed, service, source, expected, ours);
                }
            }
        }
    }

    /**
     * Where Ferry and filter-repo 2.38 differ, the first commit only Ferry has must be a source merge that pruning made
     * degenerate and that filter-repo pruned although its directory differs from the parent it would continue on: 2.38
     * judges such a merge's emptiness from its original first-parent diff only (SPLIT-NOTES.md); 2.47 and Ferry keep
     * it. And Ferry's tip must hold the source tip's tree.
     */
    private void assertDivergenceIsFilterRepo238sMergeBug(
            long seed, String service, Path source, FilterRepo expected, List<String> ours) throws Exception {
        Path work = dir.resolve("work.git");
        String first = ours.stream()
                .filter(id -> !expected.commits().contains(id))
                .findFirst()
                .orElseThrow();
        String subject = GitCli.run(work, "log", "-1", "--format=%s", first).trim();
        String sourceCommit = GitCli.run(source, "log", "--format=%H", "--fixed-strings", "--grep=" + subject, "main")
                .lines()
                .filter(id -> {
                    try {
                        return GitCli.run(source, "log", "-1", "--format=%s", id)
                                .trim()
                                .equals(subject);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        List<String> sourceParents = List.of(GitCli.run(source, "log", "-1", "--format=%P", sourceCommit)
                .trim()
                .split(" "));
        String tree = GitCli.run(work, "rev-parse", first + "^{tree}").trim();
        List<String> parents = List.of(
                GitCli.run(work, "log", "-1", "--format=%P", first).trim().split(" "));
        // The parent 2.38 continued on: the one every other parent of the merge is an ancestor of.
        String survivor = parents.stream()
                .filter(candidate -> parents.stream()
                        .allMatch(other -> other.equals(candidate) || isAncestor(work, other, candidate)))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(subject + " is a real merge in Ferry's split, not a degenerate one"));
        String survivorTree =
                GitCli.run(work, "rev-parse", survivor + "^{tree}").trim();
        assertThat(sourceParents)
                .as("seed %d, %s: first divergent commit %s (%s) is a source merge", seed, service, first, subject)
                .hasSizeGreaterThan(1);
        assertThat(expected.sourceToSplit().get(sourceCommit))
                .as("filter-repo pruned %s", subject)
                .matches("0+");
        assertThat(tree)
                .as("%s changes the directory relative to the parent 2.38 kept, so 2.47 keeps it", subject)
                .isNotEqualTo(survivorTree);
        assertThat(GitCli.run(work, "rev-parse", ours.getLast() + "^{tree}"))
                .isEqualTo(GitCli.run(source, "rev-parse", "main:" + service));
        log.info(
                "seed={} service={} differs from filter-repo 2.38 at merge {} as its merge-pruning bug predicts",
                seed,
                service,
                subject);
    }

    private static boolean isAncestor(Path repository, String ancestor, String descendant) {
        try {
            GitCli.run(repository, "merge-base", "--is-ancestor", ancestor, descendant);
            return true;
        } catch (IllegalStateException notAncestor) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
