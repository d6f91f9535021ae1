package dev.ferry.repo.domain;

import java.util.List;

/**
 * A service's directory inside the source repository: relative, normalised, '/'-separated, never escaping the
 * repository. {@code of} rejects anything else with a message naming the path and the rule it breaks.
 */
public record ServicePath(String value) {

    public ServicePath {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("service path is empty: name a directory such as services/user-service");
        }
        if (value.startsWith("/") || value.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(
                    "service path \"" + value + "\" is absolute: give it relative to the repository root");
        }
        if (value.contains("\\")) {
            throw new IllegalArgumentException(
                    "service path \"" + value + "\" uses '\\': separate directories with '/'");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("service path \"" + value + "\" leaves the repository through '..'");
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new IllegalArgumentException("service path \"" + value
                        + "\" is not normalised (empty or '.' segment): write it as " + normalised(value));
            }
            if (segment.equals(".git")) {
                throw new IllegalArgumentException("service path \"" + value + "\" points into git's own metadata");
            }
        }
    }

    public static ServicePath of(String value) {
        return new ServicePath(value);
    }

    /** The directory names from the root down, e.g. [services, user-service]. */
    public List<String> segments() {
        return List.of(value.split("/"));
    }

    private static String normalised(String value) {
        var kept = java.util.Arrays.stream(value.split("/"))
                .filter(s -> !s.isEmpty() && !s.equals("."))
                .toList();
        return kept.isEmpty() ? "<a directory name>" : String.join("/", kept);
    }

    @Override
    public String toString() {
        return value;
    }
}
