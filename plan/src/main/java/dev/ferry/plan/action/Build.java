package dev.ferry.plan.action;

import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.Map;

/** {@code build}: the service's image from its split repository, pushed with the plan's tags (build-service). */
final class Build {
    static final Action ACTION = Action.named(
                    "build", "builds each service's split repository and pushes the image with its tags")
            .requires(Requirement.IMAGE_REPOSITORY, Requirement.SPLIT_BEFORE)
            .outputs("imageReference", "imageDigest", "imageTag")
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
