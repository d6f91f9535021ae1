package dev.ferry.build.domain;

import java.util.List;
import java.util.Objects;

/**
 * What tag templates are filled from.
 *
 * @param commit full SHA of the commit the image is built from
 * @param environment the phase's environment, or null when the phase has none
 * @param gitTags names of the git tags pointing at the commit
 */
public record TagInputs(String service, String commit, String environment, List<String> gitTags) {

    public TagInputs {
        Objects.requireNonNull(service, "service");
        if (commit == null || !commit.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
            throw new IllegalArgumentException("commit must be a full hexadecimal SHA, got " + commit);
        }
        gitTags = List.copyOf(gitTags);
    }
}
