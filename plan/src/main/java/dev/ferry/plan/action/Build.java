package dev.ferry.plan.action;

import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code build}: the service's image from its split repository, pushed with the plan's tags (build-service). */
public final class Build {

    /**
     * The builders a service's {@code image.builder} may name, the default first: {@code auto} builds with Jib when
     * the Dockerfile needs no container and with buildah otherwise; {@code jib} (in-process, no RUN), {@code buildah}
     * (Debian's buildah: RUN, stages) and {@code github-actions} (the repository's own workflow) force one.
     */
    public static final List<String> BUILDERS = List.of("auto", "jib", "buildah", "github-actions");

    public static final String DEFAULT_BUILDER = BUILDERS.getFirst();

    /** Output: the builder that made the image ({@code jib}, {@code buildah} or {@code github-actions}). */
    public static final String BUILDER = "builder";

    static final Action ACTION = Action.named(
                    "build", "builds each service's split repository and pushes the image with its tags")
            .requires(Requirement.IMAGE_REPOSITORY, Requirement.SPLIT_BEFORE)
            .outputs("imageReference", "imageDigest", "imageTag", BUILDER)
            .timeout(Duration.ofHours(1))
            .describedAs(Build::describe);

    private Build() {}

    private static String describe(StepContext step) {
        ImageDefinition image = step.service().image();
        var values = Map.of("service", step.service().name());
        String repository = image.registry().isEmpty()
                ? "OCI tarball " + image.repository()
                : image.registry() + "/" + image.repository();
        var text = new StringBuilder(repository + ":" + TemplateText.fill(image.tagTemplate(), values));
        text.append(" with ").append(image.builder());
        if (image.workflow() != null) {
            text.append(" (").append(image.workflow()).append(")");
        }
        if (!image.movingTags().isEmpty()) {
            text.append("; moving tags ");
            text.append(String.join(
                    ", ",
                    image.movingTags().stream()
                            .map(tag -> TemplateText.fill(tag, values))
                            .toList()));
        }
        return text.toString();
    }
}
