package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Debian's filter-repo 2.38, the oracle installed here, and the one way it is known to differ from 2.47 and Ferry. */
final class FilterRepo238 {

    private static final Logger log = LoggerFactory.getLogger(FilterRepo238.class);

    private FilterRepo238() {}

    /**
     * Where Ferry and filter-repo 2.38 differ, the first commit only Ferry has must be a source merge that pruning made
     * degenerate and that filter-repo pruned although its directory differs from the parent it would continue on: 2.38
     * judges such a merge's emptiness from its original first-parent diff only (SPLIT-NOTES.md); 2.47 and Ferry keep
     * it. And Ferry's tip must hold the source tip's tree ({@code sourceTipTree}).
     */
    static void assertDivergenceIsItsMergeBug(
            String label, Path source, Path work, FilterRepo expected, List<String> ours, String sourceTipTree)
            throws Exception {
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
                .as("%s: first divergent commit %s (%s) is a source merge", label, first, subject)
                .hasSizeGreaterThan(1);
        assertThat(expected.sourceToSplit().get(sourceCommit))
                .as("filter-repo pruned %s", subject)
                .matches("0+");
        assertThat(tree)
                .as("%s changes the directory relative to the parent 2.38 kept, so 2.47 keeps it", subject)
                .isNotEqualTo(survivorTree);
        assertThat(GitCli.run(work, "rev-parse", ours.getLast() + "^{tree}").trim())
                .isEqualTo(sourceTipTree.trim());
        log.info("{} differs from filter-repo 2.38 at merge {} as its merge-pruning bug predicts", label, subject);
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
