package dev.ferry.repo.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The rewritten history of one service directory, decided commit by commit in topological order exactly as
 * {@code git filter-repo --subdirectory-filter} decides it (SPLIT-NOTES.md): which commits to keep, which to prune,
 * and each kept commit's parents.
 *
 * <p>Commits and trees are numbers: source commits by their position in the walk, trees by a number the caller
 * assigns to each distinct tree id ({@link #ABSENT} for "no such directory"), new commits 0, 1, 2 ... as kept.
 */
public final class ServiceHistory {

    /** Tree number of an absent (or empty) service directory. */
    public static final int ABSENT = 0;

    /** Replacement of a pruned commit none of whose ancestors were kept. */
    public static final int NONE = -1;

    private final AncestryGraph sourceGraph;
    private final AncestryGraph newGraph = new AncestryGraph();
    private int[] replacement = new int[1024];
    private int[] subtree = new int[1024];
    private final BitSet pruned = new BitSet();
    private int[] keptTree = new int[1024];
    private int walked;

    /** @param sourceGraph ancestry of the source commits, shared by every service of the walk */
    public ServiceHistory(AncestryGraph sourceGraph) {
        this.sourceGraph = sourceGraph;
    }

    /**
     * Decides the next source commit (number {@code commitsWalked()}).
     *
     * @param sourceParents source commit numbers of its parents, in order
     * @param hadFileChanges whether the source commit changed anything at all relative to its first parent
     * @param tree the service directory's tree number in this commit
     */
    public SplitStep next(int[] sourceParents, boolean hadFileChanges, int tree) {
        int commit = walked++;
        grow(commit);
        subtree[commit] = tree;

        Parents parents = rewriteParents(sourceParents);
        int baseTree = changeBase(sourceParents, parents);
        boolean changesDirectory = tree != baseTree;
        if (prunable(sourceParents, parents, hadFileChanges, changesDirectory, tree)) {
            pruned.set(commit);
            int to = parents.newFirst != NONE ? parents.newFirst : parents.first();
            replacement[commit] = to;
            return new SplitStep.Prune(to);
        }
        int kept = newGraph.add(distinct(parents.untrimmed));
        if (kept == keptTree.length) {
            keptTree = Arrays.copyOf(keptTree, kept * 2);
        }
        keptTree[kept] = tree;
        replacement[commit] = kept;
        int[] keptParents = new int[parents.kept.size()];
        for (int i = 0; i < keptParents.length; i++) {
            keptParents[i] = parents.kept.get(i);
        }
        return new SplitStep.Keep(kept, tree, keptParents);
    }

    public int commitsWalked() {
        return walked;
    }

    public int commitsKept() {
        return newGraph.size();
    }

    /** The new commit a source commit became, if it was kept (not pruned). */
    public OptionalInt keptAs(int sourceCommit) {
        if (sourceCommit >= walked || pruned.get(sourceCommit)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(replacement[sourceCommit]);
    }

    /** The new commit that stands for a source commit: itself if kept, else its replacement ({@link #NONE}). */
    public int rewritten(int sourceCommit) {
        return replacement[sourceCommit];
    }

    /**
     * Parents after pruning: each source parent replaced by its nearest kept ancestor, then trimmed the way filter-repo's
     * _trim_extra_parents does so that pruning never turns a merge into a merge of a commit with its own ancestor.
     */
    private Parents rewriteParents(int[] sourceParents) {
        var candidates = new ArrayList<Candidate>();
        for (int parent : sourceParents) {
            int to = replacement[parent];
            if (to != NONE) {
                candidates.add(new Candidate(to, parent, pruned.get(parent)));
            }
        }
        var rewritten = new ArrayList<Integer>(candidates.size());
        for (Candidate candidate : candidates) {
            rewritten.add(candidate.rewritten());
        }
        if (candidates.size() < 2) {
            return new Parents(rewritten, rewritten, NONE);
        }
        // Drop a parent seen before, but only one that pruning produced.
        var seen = new HashSet<Integer>();
        var uniq = new ArrayList<Candidate>();
        for (Candidate candidate : candidates) {
            if (seen.add(candidate.rewritten()) || !candidate.wasPruned()) {
                uniq.add(candidate);
            }
        }
        if (uniq.size() < 2) {
            return new Parents(rewritten, rewritten, uniq.getFirst().rewritten());
        }
        // Drop a pruning-produced parent that became an ancestor of another, unless it already was one.
        // By identity: a source commit may list the same kept parent twice, as two equal candidates.
        Set<Candidate> redundant = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Candidate cur : uniq) {
            if (cur.wasPruned() && uniq.stream().anyMatch(other -> other != cur && becameAncestor(cur, other))) {
                redundant.add(cur);
            }
        }
        uniq.removeIf(redundant::contains);
        if (uniq.size() < 2) {
            return new Parents(rewritten, rewritten, uniq.getFirst().rewritten());
        }
        return new Parents(rewritten, uniq.stream().map(Candidate::rewritten).toList(), NONE);
    }

    private boolean becameAncestor(Candidate cur, Candidate other) {
        return newGraph.isAncestor(cur.rewritten(), other.rewritten())
                && !sourceGraph.isAncestor(cur.source(), other.source());
    }

    /** The tree the commit's file changes are relative to: its source first parent's, or the new first parent's. */
    private int changeBase(int[] sourceParents, Parents parents) {
        if (sourceParents.length == 0) {
            return ABSENT;
        }
        int oldFirst = replacement[sourceParents[0]];
        if (!parents.kept.isEmpty() && parents.kept.getFirst() != oldFirst) {
            return keptTree[parents.kept.getFirst()];
        }
        return subtree[sourceParents[0]];
    }

    private boolean prunable(
            int[] sourceParents, Parents parents, boolean hadFileChanges, boolean changesDirectory, int tree) {
        int count = parents.kept.size();
        if (count >= 2 && parents.newFirst == NONE) {
            return false;
        }
        if (count < 2) {
            if (!hadFileChanges) {
                // Empty to begin with: kept, unless the commits it sat on were pruned away.
                boolean parentsPruned =
                        count < sourceParents.length || (sourceParents.length == 1 && pruned.get(sourceParents[0]));
                return !changesDirectory && parentsPruned;
            }
            if (!changesDirectory) {
                return true;
            }
        }
        if (count == 0) {
            return false;
        }
        int against = parents.newFirst != NONE ? parents.newFirst : parents.kept.getFirst();
        return keptTree[against] == tree;
    }

    private static int[] distinct(List<Integer> parents) {
        if (parents.size() < 2) {
            // Most commits: no stream for a list that cannot hold a duplicate (incremental splits replay every one).
            return parents.isEmpty() ? new int[0] : new int[] {parents.getFirst()};
        }
        return parents.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    private void grow(int commit) {
        if (commit == replacement.length) {
            replacement = Arrays.copyOf(replacement, commit * 2);
            subtree = Arrays.copyOf(subtree, commit * 2);
        }
    }

    /** One source parent: the new commit standing for it, its source number, and whether it was itself pruned. */
    private record Candidate(int rewritten, int source, boolean wasPruned) {}

    /** Rewritten parents before trimming, after trimming, and the new first parent when trimming left only one. */
    private record Parents(List<Integer> untrimmed, List<Integer> kept, int newFirst) {
        int first() {
            return kept.isEmpty() ? NONE : kept.getFirst();
        }
    }
}
