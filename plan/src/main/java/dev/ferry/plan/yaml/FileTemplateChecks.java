package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.TemplateText;
import dev.ferry.plan.TemplateText.FilePlaceholder;
import dev.ferry.plan.action.Scaffold;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the templates of a phase's files against the services it runs for: each placeholder of a template written in
 * the plan has a value for every one of them, reported where the placeholder is written; a template read from the
 * source needs a source. Templates in the source or in a template repository are only read at run time, so their
 * placeholders are checked then.
 */
final class FileTemplateChecks {

    private final PlanDraft plan;
    private final Problems problems;
    private final Layers layers;

    FileTemplateChecks(PlanDraft plan, Problems problems, Layers layers) {
        this.plan = plan;
        this.problems = problems;
        this.layers = layers;
    }

    void check(PhaseDraft phase, List<ServiceDraft> services) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        services.forEach(service -> values.put(service.nameOrNull(), values(service)));
        for (FileDraft file : phase.files()) {
            if (file.content() != null) {
                placeholders(file.content(), values);
            } else if (file.from() != null && plan.source() == null) {
                problems.add(
                        file.from().node(),
                        file.from().path(),
                        "reads its template from the source repository, but the plan has no source section");
            }
        }
    }

    /** What the placeholders stand for in one service's files, as the worker will fill them. */
    private Map<String, String> values(ServiceDraft service) {
        String name = service.nameOrNull();
        var parameters = new LinkedHashMap<String, String>();
        layers.writtenParameters(service).forEach((key, value) -> parameters.put(key, value.value()));
        parameters.putAll(layers.derivedParameters(service));
        ImageFields image = layers.image(service);
        String repository = image.repository() == null
                ? null
                : TemplateText.fill(image.repository().value(), Map.of("service", name));
        return Scaffold.values(name, image.hostName(), repository, parameters);
    }

    /** One problem per placeholder that some service has no value for. */
    private void placeholders(Located<String> template, Map<String, Map<String, String>> values) {
        for (FilePlaceholder placeholder : TemplateText.inFile(template.value())) {
            List<String> lacking = values.entrySet().stream()
                    .filter(service -> !service.getValue().containsKey(placeholder.name()))
                    .map(Map.Entry::getKey)
                    .toList();
            if (lacking.isEmpty()) {
                continue;
            }
            problems.add(
                    TemplatePositions.of(template.node(), placeholder.offset()),
                    template.path(),
                    lacking.size() == values.size()
                            ? unknown(placeholder.name(), values)
                            : "{" + placeholder.name() + "} has no value for " + String.join(", ", lacking)
                                    + "; give each of them " + what(placeholder.name()));
        }
    }

    private static String unknown(String name, Map<String, Map<String, String>> values) {
        Set<String> usable = new TreeSet<>();
        values.values().forEach(service -> usable.addAll(service.keySet()));
        usable.remove(Scaffold.GITOPS_REPOSITORY_PARAMETER);
        Set<String> everywhere = new LinkedHashSet<>(usable);
        values.values().forEach(service -> everywhere.retainAll(service.keySet()));
        String hint = DidYouMean.closest(name, usable)
                .map(closest -> " (did you mean {" + closest + "}?)")
                .orElse("");
        return "has an unknown placeholder {" + name + "}" + hint + "; usable here: "
                + (everywhere.isEmpty() ? "none" : "{" + String.join("} {", everywhere) + "}")
                + " and the services' parameters";
    }

    private static String what(String name) {
        return switch (name) {
            case "port" -> "a port";
            case "registry", "image-repository" -> "an image (registry)";
            case "gitops-repository" -> "a gitops section";
            default -> "the parameter " + name;
        };
    }
}
