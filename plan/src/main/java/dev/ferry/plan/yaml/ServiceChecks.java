package dev.ferry.plan.yaml;

import dev.ferry.plan.Placeholder;
import dev.ferry.plan.TemplateText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;

/**
 * Checks services against each other once defaults are applied: two services must not split into the same repository
 * or push the same image tag, and a written parameter must not contradict one Ferry derives from a field.
 */
final class ServiceChecks {

    private final PlanDraft plan;
    private final Problems problems;
    private final Layers layers;

    ServiceChecks(PlanDraft plan, Problems problems) {
        this.plan = plan;
        this.problems = problems;
        this.layers = new Layers(plan);
    }

    void check() {
        var targets = new HashMap<String, String>();
        var images = new HashMap<String, String>();
        var seen = new HashSet<String>();
        for (ServiceDraft service : plan.services()) {
            String name = service.nameOrNull();
            if (name == null || !seen.add(name)) {
                continue;
            }
            TargetFields target = layers.target(service);
            if (target.repository() != null && valid(target.repository())) {
                String repository = target.repositoryOf(name);
                collision(
                        service,
                        targets.putIfAbsent(repository, name),
                        "splits into the same repository " + repository + " as",
                        "put {service} in target.repository");
            }
            ImageFields image = layers.image(service);
            if (image.repository() != null
                    && valid(image.repository())
                    && !TemplateText.uses(image.tagTemplateOrDefault(), Placeholder.SERVICE)) {
                String reference = Objects.toString(image.hostName(), "") + "/" + image.repositoryOf(name);
                collision(
                        service,
                        images.putIfAbsent(reference, name),
                        "pushes the same tags to " + reference + " as",
                        "put {service} in the tag template or in the image repository");
            }
            parameters(service);
        }
    }

    /** Only templates without problems of their own are compared, so a typo is reported once, where it is. */
    private static boolean valid(Located<String> template) {
        return TemplateText.problem(template.value(), Templates.PER_SERVICE).isEmpty();
    }

    private void collision(ServiceDraft service, String other, String what, String fix) {
        if (other != null) {
            problems.add(
                    service.name().node(),
                    service.name().path(),
                    "service \"" + service.nameOrNull() + "\" " + what + " \"" + other + "\"; " + fix);
        }
    }

    private void parameters(ServiceDraft service) {
        Map<String, String> derived = layers.derivedParameters(service);
        layers.writtenParameters(service).forEach((key, written) -> {
            String fromField = derived.get(key);
            if (fromField != null && !fromField.equals(written.value())) {
                problems.add(
                        written.node(),
                        written.path(),
                        "parameter " + key + "=" + written.value()
                                + " contradicts " + key + "=" + fromField
                                + ", which Ferry derives from the plan's fields;"
                                + " keep one");
            }
        });
    }
}
