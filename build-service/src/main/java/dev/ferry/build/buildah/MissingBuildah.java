package dev.ferry.build.buildah;

import dev.ferry.build.domain.DockerfileBuilder;
import dev.ferry.build.domain.DockerfileSource;
import dev.ferry.build.domain.ImageTags;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.UploadProgress;

/**
 * Stands in for buildah on a machine without it: Dockerfiles Jib can build still build, and one that needs buildah
 * fails with what to install instead of a missing-program error deep in a process call.
 */
public final class MissingBuildah implements DockerfileBuilder {

    private final String configured;

    /** @param configured the program as configured ({@code buildah}, or a path) */
    public MissingBuildah(String configured) {
        this.configured = configured;
    }

    @Override
    public String digestOf(DockerfileSource source, ImageTarget target) {
        throw BuildahInstallation.missing(configured);
    }

    @Override
    public PushedImage push(DockerfileSource source, ImageTarget target, ImageTags tags, UploadProgress progress) {
        throw BuildahInstallation.missing(configured);
    }
}
