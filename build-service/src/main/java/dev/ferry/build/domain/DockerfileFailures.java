package dev.ferry.build.domain;

/** The failures a Dockerfile can cause, each naming file and line and, where it helps, the builder that can do it. */
final class DockerfileFailures {

    /** The builder to name when a Dockerfile needs a container runtime. */
    static final String RUNTIME_BUILDER = "github-actions";

    private DockerfileFailures() {}

    static BuildFailure needsRuntime(SourceLine where, String what) {
        return BuildFailure.permanent(
                FailureKind.UNSUPPORTED,
                where + ": " + what + ", which needs a container runtime; the in-process jib builder has none. Build"
                        + " the artifact before the image and COPY it, or set the service's image builder to "
                        + RUNTIME_BUILDER + " so the repository's own workflow builds the image.");
    }

    static BuildFailure unsupported(SourceLine where, String what) {
        return BuildFailure.permanent(
                FailureKind.UNSUPPORTED,
                where + ": " + what + ". Remove it or set the service's image builder to " + RUNTIME_BUILDER + ".");
    }

    static BuildFailure invalid(SourceLine where, String what) {
        return BuildFailure.permanent(FailureKind.INVALID_INPUT, where + ": " + what);
    }
}
