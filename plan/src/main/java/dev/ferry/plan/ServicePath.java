package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service's directory inside the source repository: relative, normalised ({@code services/user-service}), with
 * forward slashes, and never leaving the repository. The split copies exactly this directory, so a path that is not in
 * this form would either split the wrong files or escape the repository.
 */
public record ServicePath(String value) {

    public ServicePath {
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException("service path \"" + value + "\" " + problem);
        });
    }

    public static ServicePath of(String value) {
        return new ServicePath(value);
    }

    /** What is wrong with {@code path}, phrased to follow the path ("is absolute; ..."), or empty when it is fine. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("is empty; give the service's directory relative to the repository root, e.g."
                    + " services/user-service");
        }
        if (path.contains("\\")) {
            return Optional.of("uses backslashes; write \"" + path.replace('\\', '/') + "\" with forward slashes");
        }
        if (path.startsWith("/") || path.startsWith("~") || path.matches("[A-Za-z]:.*")) {
            return Optional.of("is absolute; give it relative to the repository root, e.g. services/user-service");
        }
        List<String> segments = List.of(path.split("/", -1));
        if (segments.contains("..")) {
            return Optional.of("leaves the repository through \"..\"; give a directory inside it");
        }
        if (segments.contains(".") || segments.contains("")) {
            return Optional.of("is not normalised; write \"" + normalised(segments) + "\"");
        }
        return Optional.empty();
    }

    private static String normalised(List<String> segments) {
        var kept = new ArrayList<String>();
        for (String segment : segments) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        return kept.isEmpty() ? "<a directory>" : String.join("/", kept);
    }
}
