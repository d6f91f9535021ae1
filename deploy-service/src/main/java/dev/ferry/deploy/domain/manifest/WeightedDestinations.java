package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The weights of a route that lists its backends with a weight each: an Istio VirtualService ({@code spec.http[]},
 * each with {@code route[]} destinations) or a Gateway API HTTPRoute ({@code spec.rules[]}, each with
 * {@code backendRefs[]}). Every rule that sends traffic to the new backend is edited; such a rule must have two
 * backends, the new one and the one it replaces, each with a written {@code weight}.
 */
final class WeightedDestinations {

    private static final WeightedDestinations ISTIO = new WeightedDestinations(
            "http", "route", (destination, backend) -> YamlSource.value(destination, "destination")
                    .map(d -> backend.equals(YamlSource.scalar(d, "host").orElse(null))
                            || backend.equals(YamlSource.scalar(d, "subset").orElse(null)))
                    .orElse(false));
    private static final WeightedDestinations GATEWAY_API = new WeightedDestinations(
            "rules",
            "backendRefs",
            (ref, backend) -> backend.equals(YamlSource.scalar(ref, "name").orElse(null)));

    private final String rulesKey;
    private final String backendsKey;
    private final BiFunction<Node, String, Boolean> isBackend;

    private WeightedDestinations(String rulesKey, String backendsKey, BiFunction<Node, String, Boolean> isBackend) {
        this.rulesKey = rulesKey;
        this.backendsKey = backendsKey;
        this.isBackend = isBackend;
    }

    static WeightedDestinations of(TrafficRoute.Kind kind) {
        return kind == TrafficRoute.Kind.ISTIO ? ISTIO : GATEWAY_API;
    }

    /** The new backend's weight in the first rule that routes to it. */
    int weight(YamlSource source, Node resource, TrafficRoute route) {
        Pair first = pairs(source, resource, route).getFirst();
        return RouteWeights.percent(first.added().getValue(), first.where() + " weight");
    }

    List<Splice> splices(YamlSource source, Node resource, TrafficRoute route, int weight) {
        var splices = new ArrayList<Splice>();
        for (Pair pair : pairs(source, resource, route)) {
            if (RouteWeights.percent(pair.added().getValue(), pair.where()) != weight) {
                splices.add(source.replaceNumber(pair.added(), weight, pair.where()));
            }
            if (RouteWeights.percent(pair.replaced().getValue(), pair.where()) != 100 - weight) {
                splices.add(source.replaceNumber(pair.replaced(), 100 - weight, pair.where()));
            }
        }
        return splices;
    }

    /** The weight scalars of the new and the old backend in one rule. */
    private record Pair(ScalarNode added, ScalarNode replaced, String where) {}

    private List<Pair> pairs(YamlSource source, Node resource, TrafficRoute route) {
        List<Node> rules = YamlSource.value(resource, "spec")
                .flatMap(spec -> YamlSource.value(spec, rulesKey))
                .map(YamlSource::items)
                .orElse(List.of());
        var pairs = new ArrayList<Pair>();
        for (int r = 0; r < rules.size(); r++) {
            List<Node> backends = YamlSource.value(rules.get(r), backendsKey)
                    .map(YamlSource::items)
                    .orElse(List.of());
            String where = source.file() + " at " + route + " spec." + rulesKey + "[" + r + "]." + backendsKey;
            int added = indexOfBackend(backends, route.backend(), where);
            if (added >= 0) {
                pairs.add(pair(backends, added, where));
            }
        }
        if (pairs.isEmpty()) {
            throw new StepFailure(
                    StepFailure.Kind.NOT_FOUND,
                    false,
                    source.file() + " has " + route.kind().resource() + " '" + route.name() + "', but none of its "
                            + rulesKey + " sends traffic to backend '" + route.backend()
                            + "'; add it with weight: 0 next to the backend it replaces, or check the phase's backend");
        }
        return pairs;
    }

    private int indexOfBackend(List<Node> backends, String backend, String where) {
        int found = -1;
        for (int i = 0; i < backends.size(); i++) {
            if (isBackend.apply(backends.get(i), backend)) {
                if (found >= 0) {
                    throw StepFailure.invalid(where + " names backend '" + backend + "' twice; Ferry cannot tell"
                            + " which one to weigh");
                }
                found = i;
            }
        }
        return found;
    }

    private static Pair pair(List<Node> backends, int added, String where) {
        if (backends.size() != 2) {
            throw StepFailure.invalid(where + " splits traffic among " + backends.size() + " backends; a traffic"
                    + " shift moves weight between two, the new backend and the one it replaces");
        }
        return new Pair(
                weightOf(backends.get(added), where + "[" + added + "]"),
                weightOf(backends.get(1 - added), where + "[" + (1 - added) + "]"),
                where);
    }

    private static ScalarNode weightOf(Node backend, String where) {
        if (YamlSource.value(backend, "weight").orElse(null) instanceof ScalarNode weight) {
            return weight;
        }
        throw StepFailure.invalid(where + " has no weight; write weight: 100 on the old backend and weight: 0 on the"
                + " new one, so Ferry has a number to change");
    }
}
