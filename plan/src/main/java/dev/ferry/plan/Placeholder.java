package dev.ferry.plan;

import java.util.Optional;

/**
 * A value a plan template may name in braces. Which ones a template may use depends on what is known when it is
 * filled: {@code {service}} always, {@code {env}} only per environment, the commit placeholders only once a build has
 * a commit.
 */
public enum Placeholder {
    /** The service's name. */
    SERVICE("service"),
    /** The environment's name. */
    ENV("env"),
    /** The full commit SHA the image is built from. */
    SHA("sha"),
    /** Same as {@code {sha}}, spelt as build-service also accepts it. */
    GIT_SHA("git-sha"),
    /** The first 7 characters of the commit SHA. */
    SHORT_SHA("short-sha"),
    /** The first N characters of the commit SHA, written {@code {sha:8}}; N from 4 to 40. */
    SHA_PREFIX("sha:N"),
    /** The highest semantic version among the commit's git tags, without a leading v. */
    SEMVER("semver"),
    /** The registry host of the service's image ({@code registry.host}). */
    REGISTRY("registry"),
    /** The image repository inside the registry ({@code registry.repository}). */
    IMAGE_REPOSITORY("image-repository"),
    /** The plan's GitOps repository ({@code gitops.repository}). */
    GITOPS_REPOSITORY("gitops-repository"),
    /** The port the service listens on ({@code services[].port}). */
    PORT("port");

    private static final int MIN_PREFIX = 4;
    private static final int MAX_PREFIX = 40;

    private final String written;

    Placeholder(String written) {
        this.written = written;
    }

    /** How it is written in a template, with its braces. */
    public String written() {
        return "{" + written + "}";
    }

    /** The placeholder written between braces as {@code inner}, or empty when there is none by that name. */
    public static Optional<Placeholder> named(String inner) {
        if (inner.startsWith("sha:")) {
            return prefixLength(inner.substring(4)).map(length -> SHA_PREFIX);
        }
        for (Placeholder placeholder : values()) {
            if (placeholder != SHA_PREFIX && placeholder.written.equals(inner)) {
                return Optional.of(placeholder);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> prefixLength(String digits) {
        if (!digits.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int length = Integer.parseInt(digits);
        return length >= MIN_PREFIX && length <= MAX_PREFIX ? Optional.of(length) : Optional.empty();
    }
}
