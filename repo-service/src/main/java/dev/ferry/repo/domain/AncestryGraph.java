package dev.ferry.repo.domain;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Commits numbered 0, 1, 2 ... in the order they were added (parents first), with each one's depth, answering "is a
 * an ancestor of b?" the way git filter-repo's AncestryGraph does: a search from b that never descends below a's
 * depth, with answers cached.
 */
public final class AncestryGraph {

    private static final int[] NO_PARENTS = new int[0];

    private int[][] parents = new int[1024][];
    private int[] depth = new int[1024];
    private int size;
    private final Map<Long, Boolean> cache = new HashMap<>();

    /** Adds the next commit; its parents must already be in the graph. Returns its number. */
    public int add(int... commitParents) {
        int node = size++;
        if (node == depth.length) {
            parents = Arrays.copyOf(parents, node * 2);
            depth = Arrays.copyOf(depth, node * 2);
        }
        int d = 1;
        for (int parent : commitParents) {
            if (parent < 0 || parent >= node) {
                throw new IllegalArgumentException("parent " + parent + " of commit " + node + " is not in the graph");
            }
            d = Math.max(d, depth[parent] + 1);
        }
        parents[node] = commitParents.length == 0 ? NO_PARENTS : commitParents.clone();
        depth[node] = d;
        return node;
    }

    public int size() {
        return size;
    }

    /** Whether {@code ancestor} is reachable from {@code descendant} (a commit counts as its own ancestor). */
    public boolean isAncestor(int ancestor, int descendant) {
        long key = ((long) ancestor << 32) | (descendant & 0xffffffffL);
        Boolean known = cache.get(key);
        if (known != null) {
            return known;
        }
        boolean answer = search(ancestor, descendant);
        cache.put(key, answer);
        return answer;
    }

    private boolean search(int ancestor, int descendant) {
        int floor = depth[ancestor];
        var visited = new BitSet();
        var pending = new ArrayDeque<Integer>();
        pending.push(descendant);
        while (!pending.isEmpty()) {
            int node = pending.pop();
            if (node == ancestor) {
                return true;
            }
            if (visited.get(node) || depth[node] <= floor) {
                continue;
            }
            visited.set(node);
            for (int parent : parents[node]) {
                pending.push(parent);
            }
        }
        return false;
    }
}
