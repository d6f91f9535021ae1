package dev.ferry.build.config;

import dev.ferry.build.buildah.BuildahInstallation;

/** build-service is configured to need buildah ({@code ferry.build.buildah.required}) and the machine has none. */
final class BuildahMissing extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String configured;

    BuildahMissing(String configured) {
        super(BuildahInstallation.missingMessage(configured));
        this.configured = configured;
    }

    String configured() {
        return configured;
    }
}
