package dev.ferry.plan;

import java.util.List;
import java.util.Optional;

/** Checks a file's path inside a repository, as a plan gives it for a file Ferry writes or reads. */
public final class RepositoryPaths {

    private RepositoryPaths() {}

    /** What is wrong with {@code path}, phrased to follow it ("\"../x\" leaves ..."), or empty when it is fine. */
    public static Optional<String> problem(String path) {
        if (path.isBlank()) {
            return Optional.of("is empty; give a path relative to the repository's root, e.g. README.md");
        }
        if (path.startsWith("/") || path.startsWith("~") || path.matches("[A-Za-z]:.*") || path.contains("\\")) {
            return Optional.of("\"" + path + "\" is not a relative path; give it relative to the repository's root"
                    + " with forward slashes, e.g. .github/workflows/ci.yml");
        }
        List<String> segments = List.of(path.split("/", -1));
        if (segments.contains("..")) {
            return Optional.of("\"" + path + "\" leaves the repository through \"..\"; give a path inside it");
        }
        if (segments.contains(".") || segments.contains("")) {
            return Optional.of("\"" + path + "\" is not normalised; write it without ./, // or a trailing /");
        }
        if (segments.getFirst().equals(".git")) {
            return Optional.of("\"" + path + "\" is inside .git, which is git's own and not part of any commit");
        }
        return Optional.empty();
    }
}
