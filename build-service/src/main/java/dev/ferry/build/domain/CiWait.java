package dev.ferry.build.domain;

import java.time.Instant;

/**
 * A build step waiting for a repository's own CI to build the image: which run it waits for, until when, and what the
 * caller needs to answer when it ends.
 *
 * @param repository {@code owner/name} on GitHub
 * @param workflow the workflow file, e.g. {@code build-push.yml}
 */
public record CiWait<T>(String repository, String commit, String workflow, Instant deadline, T step) {}
