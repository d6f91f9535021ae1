package dev.ferry.repo.domain;

/** What the split does with one source commit for one service. */
public sealed interface SplitStep {

    /**
     * Write a commit: number {@code commit} in the service's new history, with the service directory's tree (by the
     * caller's tree number, {@link ServiceHistory#ABSENT} for an empty tree) and these parents (new commit numbers).
     */
    record Keep(int commit, int tree, int[] parents) implements SplitStep {}

    /** Write nothing: the commit changes nothing under the directory. Later commits use its replacement instead. */
    record Prune(int replacement) implements SplitStep {}
}
