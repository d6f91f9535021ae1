package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The weight of an NGINX ingress canary: the {@code nginx.ingress.kubernetes.io/canary-weight} annotation of the
 * canary Ingress (the one with {@code nginx.ingress.kubernetes.io/canary: "true"}); the main Ingress keeps the rest.
 * A canary without a weight annotation gets one, as a quoted string on the line after the canary annotation.
 */
final class NginxCanary {

    static final String CANARY = "nginx.ingress.kubernetes.io/canary";
    static final String CANARY_WEIGHT = "nginx.ingress.kubernetes.io/canary-weight";

    private NginxCanary() {}

    static int weight(YamlSource source, Node ingress, TrafficRoute route) {
        return weightNode(source, ingress, route)
                .map(weight -> RouteWeights.percent(weight.getValue(), where(source, route)))
                .orElse(0);
    }

    static List<Splice> splices(YamlSource source, Node ingress, TrafficRoute route, int weight) {
        Optional<ScalarNode> current = weightNode(source, ingress, route);
        if (current.isPresent()) {
            return RouteWeights.percent(current.get().getValue(), where(source, route)) == weight
                    ? List.of()
                    : List.of(source.replaceNumber(current.get(), weight, where(source, route)));
        }
        MappingNode annotations = annotations(source, ingress, route);
        NodeTuple canary = YamlSource.entry(annotations, CANARY).orElseThrow();
        return List.of(
                source.insertAfter(annotations, canary, CANARY_WEIGHT, Integer.toString(weight), where(source, route)));
    }

    private static Optional<ScalarNode> weightNode(YamlSource source, Node ingress, TrafficRoute route) {
        MappingNode annotations = annotations(source, ingress, route);
        return YamlSource.value(annotations, CANARY_WEIGHT).map(value -> {
            if (value instanceof ScalarNode scalar) {
                return scalar;
            }
            throw StepFailure.invalid(where(source, route) + " is not a string");
        });
    }

    private static MappingNode annotations(YamlSource source, Node ingress, TrafficRoute route) {
        var annotations = YamlSource.value(ingress, "metadata").flatMap(m -> YamlSource.value(m, "annotations"));
        if (annotations.orElse(null) instanceof MappingNode map
                && YamlSource.scalar(map, CANARY).map("true"::equalsIgnoreCase).orElse(false)) {
            return map;
        }
        throw StepFailure.invalid(source.file() + " at " + route + " is not an NGINX canary: its metadata.annotations"
                + " lack " + CANARY + ": \"true\"; name the canary Ingress, not the main one");
    }

    private static String where(YamlSource source, TrafficRoute route) {
        return source.file() + " at " + route + " metadata.annotations." + CANARY_WEIGHT;
    }
}
