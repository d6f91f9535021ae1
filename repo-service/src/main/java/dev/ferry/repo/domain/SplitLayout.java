package dev.ferry.repo.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What one split repository holds: one or more source directories, each at its place ({@link PathMove}). One directory
 * moved to the root is {@code git filter-repo --subdirectory-filter}; several are {@code --path A --path B
 * --path-rename A:X}. {@link #of} refuses a directory listed inside another (its files would be copied twice). Two
 * directories may go to one place: their files are merged, and a split fails on a commit where both hold one file name.
 */
public record SplitLayout(List<PathMove> moves) {

    public SplitLayout {
        moves = List.copyOf(moves);
        if (moves.isEmpty()) {
            throw new IllegalArgumentException("no paths to split: list at least one directory");
        }
        for (int i = 0; i < moves.size(); i++) {
            for (int j = i + 1; j < moves.size(); j++) {
                refuseOverlap(moves.get(i), moves.get(j));
            }
        }
    }

    public static SplitLayout of(List<PathMove> moves) {
        return new SplitLayout(moves);
    }

    /** One directory as the repository's root: what a service with one {@code path} is split as. */
    public static SplitLayout subdirectory(ServicePath path) {
        return new SplitLayout(List.of(new PathMove(path, "")));
    }

    /** Reads the form {@link #key()} writes. */
    public static SplitLayout parse(String key) {
        if (!key.contains("->")) {
            return subdirectory(ServicePath.of(key));
        }
        var moves = new ArrayList<PathMove>();
        for (String line : key.split("\n")) {
            moves.add(PathMove.parse(line));
        }
        return new SplitLayout(moves);
    }

    /** A whole repository under one directory: what a merge into a monorepo rewrites each repository to. */
    public static SplitLayout underDirectory(ServicePath directory) {
        return new SplitLayout(List.of(PathMove.wholeRepositoryTo(directory)));
    }

    /** Whether this is one directory moved to the root, which needs no tree of its own. */
    public boolean isSubdirectory() {
        return moves.size() == 1
                && moves.getFirst().toRoot()
                && !moves.getFirst().from().isEmpty();
    }

    /** The only directory of a subdirectory layout. */
    public ServicePath directory() {
        return ServicePath.of(moves.getFirst().from());
    }

    /** A stable text naming the layout: a subdirectory layout's path itself, else one move per line. */
    public String key() {
        if (isSubdirectory()) {
            return directory().value();
        }
        return String.join("\n", moves.stream().map(PathMove::toString).toList());
    }

    private static void refuseOverlap(PathMove a, PathMove b) {
        if (inside(a.from(), b.from()) || inside(b.from(), a.from())) {
            throw new IllegalArgumentException("paths " + a.from() + " and " + b.from()
                    + " overlap: one is inside the other, so its files would be copied twice; list only the outer one");
        }
    }

    private static boolean inside(String outer, String inner) {
        return outer.isEmpty() || inner.equals(outer) || inner.startsWith(outer + "/");
    }

    @Override
    public String toString() {
        return isSubdirectory()
                ? directory().value()
                : String.join(", ", moves.stream().map(PathMove::toString).toList());
    }
}
