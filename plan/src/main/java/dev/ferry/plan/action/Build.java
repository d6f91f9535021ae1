package dev.ferry.plan.action;

import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code build}: the service's image from its split repository, or with {@code context} from a directory of the
 * source repository at the head of its branch, pushed with the plan's tags (build-service).
 */
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

    /**
     * Field: the directory of the source repository to build, at the head of its branch, instead of the service's
     * split repository; {@code {service}} and {@code {path}} stand for the service's name and path. With it the phase
     * needs no split before it.
     */
    public static final String CONTEXT = "context";

    static final Action ACTION = Action.named(
                    "build", "builds each service's split repository and pushes the image with its tags")
            .fields(ActionField.optional(
                    CONTEXT,
                    ActionField.Type.TEXT,
                    "a directory of the source repository to build at the head of its branch, with no split before"
                            + " ({service} and {path} are the service's name and path), e.g. {path} or"
                            + " services/{service}"))
            .requires(Requirement.IMAGE_REPOSITORY, Requirement.SPLIT_BEFORE)
            .outputs("imageReference", "imageDigest", "imageTag", BUILDER)
            .timeout(Duration.ofHours(1))
            .describedAs(Build::describe);

    private Build() {}

    /** The {@code context} directory for one service. */
    public static String contextOf(String context, String service, String path) {
        return TemplateText.fill(context, Map.of("service", service, "path", path == null ? "" : path));
    }

    private static String describe(StepContext step) {
        ImageDefinition image = step.service().image();
        var values = Map.of("service", step.service().name());
        String repository = image.registry().isEmpty()
                ? "OCI tarball " + image.repository()
                : image.registry() + "/" + image.repository();
        var text = new StringBuilder(repository + ":" + TemplateText.fill(image.tagTemplate(), values));
        String context = step.phase().settings().get(CONTEXT);
        if (context != null) {
            text.append(" from ")
                    .append(contextOf(
                            context, step.service().name(), step.service().path()));
            text.append(" of the source at its head");
        }
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
