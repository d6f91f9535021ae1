package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and writes the new backend's traffic weight in the text of a GitOps file holding an Istio VirtualService, a
 * Gateway API HTTPRoute, an Argo Rollouts Rollout or an NGINX canary Ingress, changing only the characters of the
 * numbers (comments, order, quoting and indentation stay as written).
 */
public final class RouteWeights {

    private RouteWeights() {}

    /**
     * The new backend's weight in percent as the file holds it now.
     *
     * @throws StepFailure NOT_FOUND when the file has no such route or backend; INVALID_INPUT when it is not YAML or
     *     its weights cannot be read
     */
    public static int read(String file, String text, TrafficRoute route) {
        var source = YamlSource.parse(file, text);
        MappingNode resource = find(source, route);
        return switch (route.kind()) {
            case ISTIO, GATEWAY_API -> WeightedDestinations.of(route.kind()).weight(source, resource, route);
            case ARGO_ROLLOUTS -> RolloutCanary.weight(source, resource, route);
            case NGINX -> NginxCanary.weight(source, resource, route);
        };
    }

    /**
     * Sets the new backend's weight (the other backend gets the rest), or reports that the file holds it already.
     *
     * @throws StepFailure as {@link #read}
     */
    public static EditResult write(String file, String text, TrafficRoute route, int weight) {
        if (weight < 0 || weight > 100) {
            throw StepFailure.invalid("weight " + weight + "% is outside 0-100");
        }
        var source = YamlSource.parse(file, text);
        MappingNode resource = find(source, route);
        int before = read(file, text, route);
        List<Splice> splices =
                switch (route.kind()) {
                    case ISTIO, GATEWAY_API ->
                        WeightedDestinations.of(route.kind()).splices(source, resource, route, weight);
                    case ARGO_ROLLOUTS -> RolloutCanary.splices(source, resource, route, weight);
                    case NGINX -> NginxCanary.splices(source, resource, route, weight);
                };
        String edited = Splice.apply(text, splices);
        return edited.equals(text)
                ? new EditResult.AlreadyCurrent()
                : new EditResult.Changed(edited, Integer.toString(before));
    }

    /** The document of the route's kind and name. */
    private static MappingNode find(YamlSource source, TrafficRoute route) {
        var seen = new ArrayList<String>();
        for (Node document : source.documents()) {
            String kind = YamlSource.scalar(document, "kind").orElse("?");
            String name = YamlSource.value(document, "metadata")
                    .flatMap(metadata -> YamlSource.scalar(metadata, "name"))
                    .orElse("?");
            if (kind.equals(route.kind().resource())
                    && name.equals(route.name())
                    && document instanceof MappingNode m) {
                return m;
            }
            seen.add(kind + " " + name);
        }
        throw new StepFailure(
                StepFailure.Kind.NOT_FOUND,
                false,
                source.file() + " has no " + route.kind().resource() + " named '" + route.name() + "' (found: "
                        + (seen.isEmpty() ? "no resources" : String.join(", ", seen))
                        + "); check the phase's route, routeKind and routeFile");
    }

    /** A weight as a whole number 0-100, or a failure saying where it is not. */
    static int percent(String value, String where) {
        try {
            int weight = Integer.parseInt(value.strip());
            if (weight >= 0 && weight <= 100) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // Reported below with where it was found.
        }
        throw StepFailure.invalid(where + " is '" + value + "', not a weight from 0 to 100");
    }
}
