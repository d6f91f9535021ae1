package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.PathMove;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several directories into one repository, against real {@code git filter-repo --path A/ --path B/ --path-rename A/:X/}
 * on random monorepo histories (seeded): a service at the root with shared code beside it, two directories kept where
 * they are, and targets nested below new directories. Ferry's commits must be filter-repo's, SHA for SHA, except where
 * Debian's 2.38 visibly hits its merge-pruning bug (SPLIT-NOTES.md, {@link FilterRepo238}); and everywhere Ferry must
 * hold the invariant 2.47 holds: every kept commit's tree is the layout of its source commit's directories.
 */
class MultiPathSplitMatchesFilterRepoTest {

    private static final Logger log = LoggerFactory.getLogger(MultiPathSplitMatchesFilterRepoTest.class);
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /** Name, then source directory to target ("" the root), in --path order. */
    private static final Map<String, Map<String, String>> LAYOUTS = Map.of(
            "service-with-library", ordered("svc/a", "", "shared", "common"),
            "kept-in-place", ordered("svc/b", "svc/b", "web", "web"),
            "nested-targets", ordered("web", "", "shared", "lib/shared", "svc/a", "lib/a"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void matchesFilterRepoOrHoldsTheSourceTrees(long seed) throws Exception {
        Path source = dir.resolve("monorepo.git");
        RandomMonorepo.generate(source, new Random(seed), 60);
        Path work = dir.resolve("work.git");
        var layouts = new LinkedHashMap<String, SplitLayout>();
        LAYOUTS.forEach((name, moves) -> layouts.put(name, layout(moves)));
        try (var sourceRepo =
                        new FileRepositoryBuilder().setGitDir(source.toFile()).build();
                var workRepo = WorkRepositories.borrowingFrom(sourceRepo, work)) {
            var results = JGitHistorySplitter.of(sourceRepo, workRepo)
                    .splitLayouts("main", List.copyOf(layouts.values()), null, SplitProgress.NONE);
            for (var entry : LAYOUTS.entrySet()) {
                String head = results.get(layouts.get(entry.getKey()))
                        .head()
                        .orElseThrow()
                        .name();
                List<String> ours = GitCli.lines(work, "rev-list", "--topo-order", "--reverse", head);
                var expected = FilterRepo.paths(source, "main", entry.getValue(), entry.getKey(), dir);
                boolean identical = ours.equals(expected.commits());
                log.info(
                        "seed={} layout={} filterRepo={} filterRepoCommits={} ferryCommits={} identical={}",
                        seed,
                        entry.getKey(),
                        FilterRepo.version(),
                        expected.commits().size(),
                        ours.size(),
                        identical);
                if (!identical) {
                    FilterRepo238.assertDivergenceIsItsMergeBug(
                            "seed " + seed + ", " + entry.getKey(),
                            source,
                            work,
                            expected,
                            ours,
                            layoutTree(source, "main", entry.getValue()));
                }
                assertEveryCommitHoldsItsSourceLayout(source, work, ours, entry.getValue(), seed, entry.getKey());
            }
        }
    }

    private static SplitLayout layout(Map<String, String> moves) {
        return SplitLayout.of(moves.entrySet().stream()
                .map(move -> new PathMove(ServicePath.of(move.getKey()), move.getValue()))
                .toList());
    }

    /** Every Ferry commit (found in the source by its subject, unique in these histories) has its layout's tree. */
    private static void assertEveryCommitHoldsItsSourceLayout(
            Path source, Path work, List<String> ours, Map<String, String> moves, long seed, String name)
            throws Exception {
        var bySubject = new HashMap<String, String>();
        for (String line : GitCli.lines(source, "log", "--format=%H %s", "main")) {
            bySubject.put(line.substring(41), line.substring(0, 40));
        }
        for (String commit : ours) {
            String subject =
                    GitCli.run(work, "log", "-1", "--format=%s", commit).trim();
            String sourceCommit = bySubject.get(subject);
            assertThat(GitCli.run(work, "rev-parse", commit + "^{tree}").trim())
                    .as("seed %d, %s: tree of %s (%s)", seed, name, commit, subject)
                    .isEqualTo(layoutTree(source, sourceCommit, moves));
        }
        assertThat(GitCli.run(work, "rev-parse", ours.getLast() + "^{tree}").trim())
                .as("seed %d, %s: the tip holds the source tip's layout", seed, name)
                .isEqualTo(layoutTree(source, "main", moves));
    }

    /** The tree the layout gives a source commit, built by git itself (git mktree sorts and hashes). */
    private static String layoutTree(Path source, String commit, Map<String, String> moves) throws Exception {
        var root = new Node();
        for (var move : moves.entrySet()) {
            String tree = subtree(source, commit, move.getKey());
            if (tree == null) {
                continue;
            }
            Node at = root;
            for (String segment :
                    move.getValue().isEmpty() ? new String[0] : move.getValue().split("/")) {
                at = at.children.computeIfAbsent(segment, s -> new Node());
            }
            at.tree = tree;
        }
        String tree = write(source, root);
        return tree == null ? EMPTY_TREE : tree;
    }

    private static String write(Path source, Node node) throws Exception {
        if (node.children.isEmpty()) {
            return node.tree;
        }
        var listing = new StringBuilder(node.tree == null ? "" : GitCli.run(source, "ls-tree", node.tree));
        for (var child : node.children.entrySet()) {
            listing.append("040000 tree ")
                    .append(write(source, child.getValue()))
                    .append('\t')
                    .append(child.getKey())
                    .append('\n');
        }
        return mktree(source, listing.toString());
    }

    private static String subtree(Path source, String commit, String path) throws Exception {
        try {
            return GitCli.run(source, "rev-parse", commit + ":" + path).trim();
        } catch (IllegalStateException absent) {
            return null;
        }
    }

    private static String mktree(Path repository, String listing) throws IOException, InterruptedException {
        var process = new ProcessBuilder("git", "mktree")
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .start();
        try (var in = process.getOutputStream()) {
            in.write(listing.getBytes(StandardCharsets.ISO_8859_1));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).trim();
        assertThat(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0)
                .as("git mktree: %s", out)
                .isTrue();
        return out;
    }

    private static Map<String, String> ordered(String... fromTo) {
        var moves = new LinkedHashMap<String, String>();
        for (int i = 0; i < fromTo.length; i += 2) {
            moves.put(fromTo[i], fromTo[i + 1]);
        }
        return moves;
    }

    private static final class Node {
        String tree;
        final Map<String, Node> children = new TreeMap<>();
    }
}
