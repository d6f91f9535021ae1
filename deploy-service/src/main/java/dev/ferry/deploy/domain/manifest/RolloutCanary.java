package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The weight of an Argo Rollouts canary as Ferry drives it: the Rollout's {@code spec.strategy.canary.steps} hold one
 * {@code setWeight} followed by an indefinite {@code pause: {}}, so the controller moves to the weight Ferry commits
 * and holds it there while Ferry analyses; Ferry's steps replace the Rollout's own.
 */
final class RolloutCanary {

    private RolloutCanary() {}

    static int weight(YamlSource source, Node rollout, TrafficRoute route) {
        ScalarNode weight = setWeight(source, rollout, route);
        return RouteWeights.percent(weight.getValue(), where(source, route));
    }

    static List<Splice> splices(YamlSource source, Node rollout, TrafficRoute route, int weight) {
        ScalarNode current = setWeight(source, rollout, route);
        if (RouteWeights.percent(current.getValue(), where(source, route)) == weight) {
            return List.of();
        }
        return List.of(source.replaceNumber(current, weight, where(source, route)));
    }

    private static ScalarNode setWeight(YamlSource source, Node rollout, TrafficRoute route) {
        List<Node> steps = YamlSource.value(rollout, "spec")
                .flatMap(spec -> YamlSource.value(spec, "strategy"))
                .flatMap(strategy -> YamlSource.value(strategy, "canary"))
                .flatMap(canary -> YamlSource.value(canary, "steps"))
                .map(YamlSource::items)
                .orElse(List.of());
        var weights = steps.stream()
                .map(step -> YamlSource.value(step, "setWeight").orElse(null))
                .filter(ScalarNode.class::isInstance)
                .map(ScalarNode.class::cast)
                .toList();
        if (weights.size() != 1) {
            throw StepFailure.invalid(where(source, route) + " has " + weights.size() + " setWeight steps; for Ferry"
                    + " to drive it, write spec.strategy.canary.steps as [{setWeight: 0}, {pause: {}}]");
        }
        return weights.getFirst();
    }

    private static String where(YamlSource source, TrafficRoute route) {
        return source.file() + " at " + route + " spec.strategy.canary.steps setWeight";
    }
}
