package dev.ferry.repo.domain;

import java.util.List;

/**
 * One directory of the source copied to a place in the split repository: {@code libs/common/ -> common/}, or
 * {@code services/user/ -> ./} for the repository's root (what {@code git filter-repo --path A --path-rename A:X} does).
 *
 * @param from the directory in the source, normalised, empty for the whole repository (what a merge moves)
 * @param to the directory in the split repository, normalised, empty for its root
 */
public record PathMove(String from, String to) {

    public PathMove {
        // The same rules as a service directory: relative, normalised, inside the repository.
        if (!from.isEmpty()) {
            ServicePath.of(from);
        }
        if (!to.isEmpty()) {
            ServicePath.of(to);
        }
    }

    public PathMove(ServicePath from, String to) {
        this(from.value(), to);
    }

    /** The whole source repository moved under {@code directory}: {@code git filter-repo --to-subdirectory-filter}. */
    public static PathMove wholeRepositoryTo(ServicePath directory) {
        return new PathMove("", directory.value());
    }

    /** Reads {@code "from -> to"} or {@code "from"} (kept where it is); trailing slashes and {@code ./} allowed. */
    public static PathMove parse(String text) {
        int arrow = text.indexOf("->");
        String from = arrow < 0 ? text : text.substring(0, arrow);
        String to = arrow < 0 ? text : text.substring(arrow + 2);
        try {
            return new PathMove(directory(from), directory(to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path move \"" + text.strip() + "\": " + e.getMessage(), e);
        }
    }

    /** The directory names of the source from the root down; empty for the whole repository. */
    public List<String> fromSegments() {
        return from.isEmpty() ? List.of() : List.of(from.split("/"));
    }

    /** The directory names of the target from the root down; empty for the root. */
    public List<String> toSegments() {
        return to.isEmpty() ? List.of() : List.of(to.split("/"));
    }

    /** Whether this move puts the directory at the root: the whole split is then a subdirectory filter of it. */
    public boolean toRoot() {
        return to.isEmpty();
    }

    private static String directory(String written) {
        String path = written.strip();
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        return path.equals(".") || path.equals("./") ? "" : path.startsWith("./") ? path.substring(2) : path;
    }

    @Override
    public String toString() {
        return (from.isEmpty() ? "./" : from + "/") + " -> " + (to.isEmpty() ? "./" : to + "/");
    }
}
