package dev.ferry.build.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's source checked out at the commit to build: the directory Docker would call the build context, and the
 * git tags pointing at that commit (for {@code {semver}} tags).
 */
public record BuildContext(Path directory, String commit, List<String> gitTags) {

    public BuildContext {
        gitTags = List.copyOf(gitTags);
    }

    /**
     * The directory {@code path} of this checkout as the build context (this one for an empty path); a path outside
     * the checkout or missing at the commit is refused, naming both.
     */
    public BuildContext within(String path) {
        if (path == null || path.isBlank()) {
            return this;
        }
        String relative;
        try {
            relative = ContextPaths.normalize(path, false);
        } catch (IllegalArgumentException e) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, "context " + path + " is outside the repository", e);
        }
        Path inside = directory.resolve(relative);
        if (!Files.isDirectory(inside)) {
            throw BuildFailure.permanent(
                    FailureKind.NOT_FOUND, "context " + path + " is not a directory at commit " + commit);
        }
        if (!realPath(inside).startsWith(realPath(directory))) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "context " + path + " is outside the repository: it goes through a symbolic link that leads out"
                            + " of it at commit " + commit);
        }
        return new BuildContext(inside, commit, gitTags);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }
}
