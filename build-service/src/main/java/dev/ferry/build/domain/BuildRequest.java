package dev.ferry.build.domain;

/**
 * One service to build: its repository and commit, the phase's environment (null outside one), its image settings and
 * the builder the plan asks for.
 */
public record BuildRequest(
        String service, String repository, String commit, String environment, ImageSettings image, Builder builder) {}
