package dev.ferry.build.domain;

import java.time.Duration;

/** The outcome of a successful build step for one service. */
public record BuiltImage(String service, String commit, PushedImage image, Duration duration) {}
