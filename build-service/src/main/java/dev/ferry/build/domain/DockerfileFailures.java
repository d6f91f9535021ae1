package dev.ferry.build.domain;

/**
 * The failures a Dockerfile can cause, each naming file and line and, where it helps, the builder that can do it. A
 * Dockerfile the jib builder cannot build fails as {@link FailureKind#UNSUPPORTED}, which is how the {@code auto}
 * builder knows to hand it to buildah ({@link BuilderSelection}).
 */
final class DockerfileFailures {

    /** The builders to name when a Dockerfile needs more than the jib builder can do. */
    static final String OTHER_BUILDERS = Builder.AUTO.planName() + " or " + Builder.BUILDAH.planName()
            + " (Debian's buildah builds it here) or " + Builder.GITHUB_ACTIONS.planName()
            + " (the repository's own workflow builds it)";

    private DockerfileFailures() {}

    static BuildFailure needsRuntime(SourceLine where, String what) {
        return BuildFailure.permanent(
                FailureKind.UNSUPPORTED,
                where + ": " + what + ", which needs a container runtime; the in-process jib builder has none. Build"
                        + " the artifact before the image and COPY it, or set the service's image builder to "
                        + OTHER_BUILDERS + ".");
    }

    static BuildFailure unsupported(SourceLine where, String what) {
        return BuildFailure.permanent(
                FailureKind.UNSUPPORTED,
                where + ": " + what + ". Remove it or set the service's image builder to " + OTHER_BUILDERS + ".");
    }

    static BuildFailure invalid(SourceLine where, String what) {
        return BuildFailure.permanent(FailureKind.INVALID_INPUT, where + ": " + what);
    }
}
