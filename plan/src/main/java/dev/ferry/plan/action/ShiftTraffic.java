package dev.ferry.plan.action;

import dev.ferry.plan.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code shift-traffic}: moves a service's traffic to its new backend by steps (deploy-service). Each step writes the
 * new backend's weight into the route of the environment's GitOps repository (the old backend gets the rest), one
 * commit per weight with the file's formatting kept, then holds it for the step's pause while the analysis queries run
 * against Prometheus every {@code interval}. Too many failed evaluations in a row set the new backend back to 0 % at
 * once and fail the step with the query and its values.
 *
 * <p>Route kinds: {@code istio} (a VirtualService's route {@code weight}s, the destination whose host is
 * {@code backend} gets the weight), {@code gateway-api} (an HTTPRoute's {@code backendRefs} weights, the ref named
 * {@code backend}), {@code argo-rollouts} (a Rollout's canary {@code setWeight} steps: Ferry keeps one
 * {@code setWeight} and an indefinite {@code pause}, so the Rollout holds where Ferry puts it) and {@code nginx} (the
 * {@code nginx.ingress.kubernetes.io/canary-weight} annotation of the canary Ingress).
 *
 * <p>Approval between two steps is written as consecutive {@code shift-traffic} phases, each with
 * {@code approval: required} and the steps it covers: a phase starts at the weight the file already holds.
 *
 * <p>{@code {service}} in {@code route}, {@code routeFile} and {@code backend} is the step's service, so one phase can
 * shift several services, each on its own route.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): {@code route}, {@code routeKind}, {@code routeFile},
 * {@code backend}, {@code steps.n} (from 1), {@code queries.NAME}, {@code conditions.NAME}, {@code interval},
 * {@code failuresAllowed} and {@code noData}.
 */
public final class ShiftTraffic {
    public static final String ROUTE = "route";
    public static final String ROUTE_KIND = "routeKind";
    public static final String ROUTE_FILE = "routeFile";
    public static final String BACKEND = "backend";
    public static final String STEPS = "steps";
    public static final String QUERIES = "queries";
    public static final String CONDITIONS = "conditions";
    public static final String INTERVAL = "interval";
    public static final String FAILURES_ALLOWED = "failuresAllowed";
    public static final String NO_DATA = "noData";

    /** The placeholder for the step's service in {@link #PER_SERVICE_FIELDS}. */
    public static final String SERVICE = "{service}";

    /** The fields in which {@link #SERVICE} is the step's service. */
    public static final List<String> PER_SERVICE_FIELDS = List.of(ROUTE, ROUTE_FILE, BACKEND);

    public static final String ISTIO = "istio";
    public static final String GATEWAY_API = "gateway-api";
    public static final String ARGO_ROLLOUTS = "argo-rollouts";
    public static final String NGINX = "nginx";

    /** The route kinds, the default first. */
    public static final List<String> ROUTE_KINDS = List.of(ISTIO, GATEWAY_API, ARGO_ROLLOUTS, NGINX);

    /** The route kinds whose file names the new backend among others, so the plan must say which. */
    public static final List<String> NAMED_BACKENDS = List.of(ISTIO, GATEWAY_API);

    public static final String FAIL = "fail";
    public static final String PASS = "pass";

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    /** Output: the new backend's weight when the step ended. */
    public static final String WEIGHT = "weight";
    /** Output: the commits that wrote each weight, {@code 10%=abc123 25%=def456}. */
    public static final String WEIGHT_COMMITS = "weightCommits";
    /** Output: every evaluation, one per line: time, weight, query, value and verdict. */
    public static final String EVALUATIONS = "evaluations";

    /**
     * Set by the planner, never by a plan, on a rollback command's step: the route's new backend goes to 0 % at once
     * and a shift still running on that route stops. The other settings are the shift phase's, naming the route.
     */
    public static final String UNDO = "undo";

    private static final ActionField ROUTE_KIND_FIELD = ActionField.choice(
            ROUTE_KIND,
            ROUTE_KINDS,
            "what the route file holds: istio (VirtualService), gateway-api (HTTPRoute), argo-rollouts (Rollout"
                    + " canary) or nginx (canary Ingress)");
    private static final ActionField NO_DATA_FIELD = ActionField.choice(
            NO_DATA,
            List.of(FAIL, PASS),
            "what an evaluation whose query returns no series counts as: fail (default) or pass");

    static final Action ACTION = Action.named(
                    "shift-traffic",
                    "moves a service's traffic to its new backend by weight steps written through GitOps, each held"
                            + " while Prometheus queries are checked, and back to 0% when they fail")
            .fields(
                    ActionField.required(
                            "environment", ActionField.Type.ENVIRONMENT, "the environment whose traffic moves"),
                    ActionField.required(
                            ROUTE,
                            ActionField.Type.TEXT,
                            "the name of the VirtualService, HTTPRoute, Rollout or canary Ingress in the route file"),
                    ROUTE_KIND_FIELD,
                    ActionField.required(
                            ROUTE_FILE,
                            ActionField.Type.TEXT,
                            "the file that holds the route, relative to the environment's GitOps repository"),
                    ActionField.optional(
                            BACKEND,
                            ActionField.Type.TEXT,
                            "the new backend: the destination host (istio) or backendRef name (gateway-api) that"
                                    + " gets the weight"),
                    ActionField.required(
                            STEPS,
                            ActionField.Type.STRING_LIST,
                            "the new backend's weights in increasing order, each held for its pause:"
                                    + " [10% for 48h, 25% for 24h, 50% for 24h, 100%]"),
                    ActionField.optional(
                            QUERIES,
                            ActionField.Type.TEXT_MAP,
                            "PromQL queries by name, evaluated every interval while a weight is held"),
                    ActionField.optional(
                            CONDITIONS,
                            ActionField.Type.TEXT_MAP,
                            "for each query's name, what its value must be: \"< 0.01\", \">= 0.99\""),
                    ActionField.optional(
                            INTERVAL,
                            ActionField.Type.DURATION,
                            "how often the queries are evaluated; default " + DurationText.format(DEFAULT_INTERVAL)),
                    ActionField.optional(
                            FAILURES_ALLOWED,
                            ActionField.Type.COUNT,
                            "failed evaluations in a row that are tolerated; one more sets the weight back to 0%"
                                    + " and fails the step; default 0"),
                    NO_DATA_FIELD)
            .requires(Requirement.GITOPS, Requirement.TRAFFIC_STEPS)
            .outputs(WEIGHT, WEIGHT_COMMITS, EVALUATIONS)
            .timeout(Duration.ofDays(30))
            .undo(Action.Undo.TRAFFIC_TO_ZERO)
            .describedAs(ShiftTraffic::describe);

    private ShiftTraffic() {}

    /** A per-service field's value for one service's step, {@link #SERVICE} replaced by its name. */
    public static String forService(Map<String, String> settings, String field, String service) {
        String value = settings.get(field);
        return value == null ? null : value.replace(SERVICE, service);
    }

    public static String routeKind(Map<String, String> settings) {
        return ROUTE_KIND_FIELD.chosen(settings);
    }

    /** @throws IllegalArgumentException when the steps are malformed (the reader reports that before any run) */
    public static List<TrafficStep> steps(Map<String, String> settings) {
        return TrafficStep.parseAll(ActionField.items(settings, STEPS));
    }

    /** Each query's PromQL by name, sorted by name. */
    public static SortedMap<String, String> queries(Map<String, String> settings) {
        return ActionField.entries(settings, QUERIES);
    }

    /** Each query's condition by the query's name, sorted by name. */
    public static SortedMap<String, String> conditions(Map<String, String> settings) {
        return ActionField.entries(settings, CONDITIONS);
    }

    public static Duration interval(Map<String, String> settings) {
        return DurationText.parse(settings.getOrDefault(INTERVAL, "")).orElse(DEFAULT_INTERVAL);
    }

    public static int failuresAllowed(Map<String, String> settings) {
        return Integer.parseInt(settings.getOrDefault(FAILURES_ALLOWED, "0"));
    }

    /** Whether a query that returns no series passes; by default it fails. */
    public static boolean noDataPasses(Map<String, String> settings) {
        return NO_DATA_FIELD.chosen(settings).equals(PASS);
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        String backend = settings.containsKey(BACKEND) ? " to " + settings.get(BACKEND) : "";
        var text = new StringBuilder("shift ")
                .append(step.service().name())
                .append("'s traffic")
                .append(backend)
                .append(" through ")
                .append(routeKind(settings))
                .append(" route ")
                .append(settings.get(ROUTE))
                .append(" in ")
                .append(settings.get(ROUTE_FILE))
                .append(" (")
                .append(step.phase().environment())
                .append("): ")
                .append(String.join(", ", ActionField.items(settings, STEPS)));
        var queries = queries(settings);
        if (!queries.isEmpty()) {
            var conditions = conditions(settings);
            text.append("; every ")
                    .append(DurationText.format(interval(settings)))
                    .append(" check ");
            text.append(String.join(
                    ", ",
                    queries.keySet().stream()
                            .map(name -> name + " " + conditions.getOrDefault(name, "?"))
                            .toList()));
            text.append(", back to 0% after ")
                    .append(failuresAllowed(settings) + 1)
                    .append(" failure(s) in a row");
        }
        return text.toString();
    }
}
