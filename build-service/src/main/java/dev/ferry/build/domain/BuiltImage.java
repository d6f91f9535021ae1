package dev.ferry.build.domain;

import java.time.Duration;

/**
 * The outcome of a successful build step for one service.
 *
 * @param builder the builder that made the image (never {@link Builder#AUTO}: the one auto picked)
 */
public record BuiltImage(String service, String commit, PushedImage image, Builder builder, Duration duration) {}
