package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.ImageReference;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Sets the tag (and digest, when known) of a named container's {@code image} in plain manifests; every workload in the
 * file that runs that container is updated, the repository part of the reference is kept.
 */
final class ContainerImageEdit {

    /** Where each workload kind keeps its pod spec. */
    private static final Map<String, List<String>> POD_SPEC = Map.of(
            "Pod", List.of("spec"),
            "Deployment", List.of("spec", "template", "spec"),
            "StatefulSet", List.of("spec", "template", "spec"),
            "DaemonSet", List.of("spec", "template", "spec"),
            "ReplicaSet", List.of("spec", "template", "spec"),
            "Job", List.of("spec", "template", "spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
            "Rollout", List.of("spec", "template", "spec"));

    private ContainerImageEdit() {}

    static List<Splice> splices(YamlSource source, String container, ImageVersion version) {
        var splices = new ArrayList<Splice>();
        var seen = new ArrayList<String>();
        boolean found = false;
        for (Node document : source.documents()) {
            for (Node candidate : containers(document)) {
                String name = YamlSource.scalar(candidate, "name").orElse("?");
                seen.add(name);
                if (!name.equals(container)) {
                    continue;
                }
                found = true;
                edit(source, candidate, container, version, splices);
            }
        }
        if (!found) {
            throw new StepFailure(
                    StepFailure.Kind.NOT_FOUND,
                    false,
                    source.file() + " has no container named '" + container + "' in a workload (containers found: "
                            + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
        }
        return splices;
    }

    private static void edit(
            YamlSource source, Node container, String name, ImageVersion version, List<Splice> splices) {
        String where = source.file() + " at container " + name + " image";
        if (!(YamlSource.value(container, "image").orElse(null) instanceof ScalarNode image)) {
            throw StepFailure.invalid(where + " is missing or not a string");
        }
        var current = ImageReference.parse(image.getValue());
        var wanted = current.with(version.tag(), version.digest().orElse(null));
        if (!wanted.toString().equals(image.getValue())) {
            splices.add(source.replace(image, wanted.toString(), where));
        }
    }

    private static List<Node> containers(Node document) {
        var kind = YamlSource.scalar(document, "kind").orElse("");
        var path = POD_SPEC.get(kind);
        if (path == null) {
            return List.of();
        }
        Node spec = document;
        for (String key : path) {
            spec = YamlSource.value(spec, key).orElse(null);
            if (spec == null) {
                return List.of();
            }
        }
        var result = new ArrayList<Node>();
        YamlSource.value(spec, "initContainers").map(YamlSource::items).ifPresent(result::addAll);
        YamlSource.value(spec, "containers").map(YamlSource::items).ifPresent(result::addAll);
        return result;
    }
}
