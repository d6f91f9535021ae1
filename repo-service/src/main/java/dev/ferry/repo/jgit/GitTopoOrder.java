package dev.ferry.repo.jgit;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commits of a history in the order of {@code git rev-list --topo-order --reverse}, which is git fast-export's and
 * so filter-repo's. The order decides which commits are "already written" when a message names another commit: a
 * message naming a commit listed after it keeps the hash as it is (SPLIT-NOTES.md). JGit's {@link RevSort#TOPO} orders
 * unrelated lines of history differently, so this is git's algorithm (revision.c, sort_in_topological_order in graph
 * order): the commits taken newest first by commit date, then emitted from a stack that starts with the tips in that
 * order and takes each parent once its last child is out.
 */
final class GitTopoOrder {

    private GitTopoOrder() {}

    /**
     * The commits reachable from {@code tip} and not from {@code since} (null for the whole history), oldest first. The
     * walk is reset; the commits keep their bodies (as a {@link RevSort#TOPO} walk, which buffers every commit, did):
     * dispose of each once it is read.
     */
    static List<RevCommit> of(RevWalk walk, RevCommit tip, RevCommit since) throws IOException {
        walk.reset();
        walk.setRetainBody(true);
        walk.sort(RevSort.NONE); // commit date, newest first: git's limit_list order
        walk.markStart(tip);
        if (since != null) {
            walk.markUninteresting(since);
        }
        RevFlag listed = walk.newFlag("listed");
        var byDate = new ArrayList<RevCommit>();
        for (RevCommit commit : walk) {
            commit.add(listed);
            byDate.add(commit);
        }
        Map<RevCommit, int[]> indegree = indegrees(byDate, listed);
        var stack = new ArrayDeque<RevCommit>();
        for (int i = byDate.size() - 1; i >= 0; i--) {
            RevCommit commit = byDate.get(i);
            if (indegree.get(commit)[0] == 1) {
                stack.push(commit); // pushed last-first, so the newest tip comes out first, as git's reversed queue
            }
        }
        var newestFirst = new ArrayList<RevCommit>(byDate.size());
        while (!stack.isEmpty()) {
            RevCommit commit = stack.pop();
            for (RevCommit parent : commit.getParents()) {
                if (parent.has(listed) && --indegree.get(parent)[0] == 1) {
                    stack.push(parent);
                }
            }
            indegree.get(commit)[0] = 0;
            newestFirst.add(commit);
        }
        walk.disposeFlag(listed);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** 1 plus the number of listed children, per commit: git's indegree slab. */
    private static Map<RevCommit, int[]> indegrees(List<RevCommit> byDate, RevFlag listed) {
        var indegree = new IdentityHashMap<RevCommit, int[]>(byDate.size() * 2);
        for (RevCommit commit : byDate) {
            indegree.put(commit, new int[] {1});
        }
        for (RevCommit commit : byDate) {
            for (RevCommit parent : commit.getParents()) {
                if (parent.has(listed)) {
                    indegree.get(parent)[0]++;
                }
            }
        }
        return indegree;
    }
}
