package dev.ferry.build.domain;

/**
 * Picks the builder for one image. What Jib cannot build is known in one place, the {@link DockerfileParser}: it
 * refuses such a Dockerfile as {@link FailureKind#UNSUPPORTED} (RUN, a stage built on another, COPY --from, HEALTHCHECK
 * ...). {@code auto} takes Jib when the parser accepts the Dockerfile, and buildah when it refuses it that way.
 */
final class BuilderSelection {

    private final ImageBuilder jib;
    private final DockerfileBuilder buildah;

    BuilderSelection(ImageBuilder jib, DockerfileBuilder buildah) {
        this.jib = jib;
        this.buildah = buildah;
    }

    PreparedImage prepare(BuildContext context, ImageSettings settings, Builder requested) {
        return switch (requested) {
            case JIB -> PreparedImage.byJib(jib, BuildPlanner.plan(context, settings));
            case BUILDAH -> PreparedImage.byBuildah(buildah, BuildPlanner.dockerfile(context, settings));
            case AUTO -> auto(context, settings);
            case GITHUB_ACTIONS ->
                throw BuildFailure.permanent(
                        FailureKind.INTERNAL,
                        "the github-actions builder runs in the repository's workflow, not in build-service's build"
                                + " workflow");
        };
    }

    private PreparedImage auto(BuildContext context, ImageSettings settings) {
        ImagePlan plan;
        try {
            plan = BuildPlanner.plan(context, settings);
        } catch (BuildFailure jibCannot) {
            if (jibCannot.kind() != FailureKind.UNSUPPORTED) {
                throw jibCannot;
            }
            return PreparedImage.byBuildah(buildah, BuildPlanner.dockerfile(context, settings));
        }
        return PreparedImage.byJib(jib, plan);
    }
}
