package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
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
    private static final List<String> DIRECTORIES = List.of("svc/a", "svc/b", "web", "shared");
    private static final List<String> SERVICES = List.of("svc/a", "svc/b", "web");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesFilterRepo(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        generate(source, new Random(seed), 60);
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

    /** Writes a random history of about {@code steps} commits on branch main. */
    static void generate(Path source, Random random, int steps) throws Exception {
        try (var repo = new HistoryBuilder(source)) {
            var files = new LinkedHashMap<String, String>();
            files.put("README.md", "monorepo\n");
            for (String directory : DIRECTORIES) {
                files.put(directory + "/f0", "0\n");
            }
            var heads = new ArrayList<ObjectId>();
            var trees = new ArrayList<Map<String, String>>();
            heads.add(repo.commit("root\n", files));
            trees.add(files);
            for (int step = 0; step < steps; step++) {
                int branch = random.nextInt(heads.size());
                int roll = random.nextInt(100);
                if (roll < 12 && heads.size() > 1) {
                    int other = (branch + 1 + random.nextInt(heads.size() - 1)) % heads.size();
                    var merged = mergeTrees(trees.get(branch), trees.get(other), random);
                    heads.set(branch, repo.commit("merge " + step + "\n", merged, heads.get(branch), heads.get(other)));
                    trees.set(branch, merged);
                    if (random.nextBoolean()) {
                        heads.remove(other);
                        trees.remove(other);
                    }
                } else if (roll < 20 && heads.size() < 4) {
                    heads.add(heads.get(branch));
                    trees.add(trees.get(branch));
                } else {
                    var changed = change(trees.get(branch), random, step);
                    heads.set(branch, repo.commit("change " + step + "\n", changed, heads.get(branch)));
                    trees.set(branch, changed);
                }
            }
            ObjectId main = heads.getFirst();
            var mainTree = trees.getFirst();
            for (int i = 1; i < heads.size(); i++) {
                mainTree = mergeTrees(mainTree, trees.get(i), random);
                main = repo.commit("final merge " + i + "\n", mainTree, main, heads.get(i));
            }
            for (String directory : DIRECTORIES) {
                if (mainTree.keySet().stream().noneMatch(path -> path.startsWith(directory + "/"))) {
                    mainTree = new LinkedHashMap<>(mainTree);
                    mainTree.put(directory + "/f0", "back\n");
                    main = repo.commit("restore " + directory + "\n", mainTree, main);
                }
            }
            repo.branch("main", main);
        }
    }

    private static Map<String, String> change(Map<String, String> tree, Random random, int step) {
        var changed = new LinkedHashMap<>(tree);
        String directory = DIRECTORIES.get(random.nextInt(DIRECTORIES.size()));
        int kind = random.nextInt(100);
        if (kind < 8) {
            return changed; // an empty commit
        } else if (kind < 14) {
            changed.keySet().removeIf(path -> path.startsWith(directory + "/")); // delete the directory
        } else if (kind < 24 && !changed.isEmpty()) {
            var paths = new ArrayList<>(changed.keySet());
            String from = paths.get(random.nextInt(paths.size()));
            String to = DIRECTORIES.get(random.nextInt(DIRECTORIES.size())) + "/moved" + step;
            changed.put(to, changed.remove(from)); // a rename across directories
        } else {
            changed.put(directory + "/f" + random.nextInt(3), "step " + step + "\n");
        }
        return changed;
    }

    private static Map<String, String> mergeTrees(Map<String, String> ours, Map<String, String> theirs, Random random) {
        var merged = new LinkedHashMap<>(ours);
        theirs.forEach((path, content) -> {
            if (!content.equals(merged.get(path)) && random.nextBoolean()) {
                merged.put(path, content);
            }
        });
        return merged;
    }
}
