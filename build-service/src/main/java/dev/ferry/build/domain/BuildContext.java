package dev.ferry.build.domain;

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
}
