package dev.ferry.plan.yaml;

import dev.ferry.plan.action.MetricCondition;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.plan.action.TrafficStep;
import java.util.List;
import java.util.Map;

/**
 * A {@code shift-traffic} phase's steps and analysis, checked where they are written: each step is a weight within
 * 0-100 above the one before, each query has a condition that parses and each condition a query, and an Istio or
 * Gateway API route is told which backend is new. Whether Prometheus accepts a query, or the route file holds the
 * route, can only be known when the step runs.
 */
final class TrafficChecks {

    private final Problems problems;

    TrafficChecks(Problems problems) {
        this.problems = problems;
    }

    /** @param services how many services the phase runs for */
    void check(PhaseDraft phase, int services) {
        YamlMap map = phase.map();
        oneRoutePerService(phase, map, services);
        steps(map, map.strings(ShiftTraffic.STEPS).orElse(List.of()));
        Map<String, Located<String>> queries = map.scalars(ShiftTraffic.QUERIES).orElse(Map.of());
        Map<String, Located<String>> conditions =
                map.scalars(ShiftTraffic.CONDITIONS).orElse(Map.of());
        queries.forEach((name, query) -> {
            if (query.value().isBlank()) {
                problems.add(query.node(), query.path(), "is empty; write the PromQL query whose value is checked");
            }
            if (!conditions.containsKey(name)) {
                problems.add(
                        query.node(), query.path(), "has no condition; add conditions." + name + ", e.g. \"< 0.01\"");
            }
        });
        conditions.forEach((name, condition) -> {
            if (!queries.containsKey(name)) {
                problems.add(
                        condition.node(),
                        condition.path(),
                        "is the condition of no query; queries has " + String.join(", ", queries.keySet()));
            }
            try {
                MetricCondition.parse(condition.value());
            } catch (IllegalArgumentException e) {
                problems.add(condition.node(), condition.path(), e.getMessage());
            }
        });
        backend(phase, map);
    }

    /** Each step alone, then the order; a problem is put at the step it concerns. */
    private void steps(YamlMap map, List<Located<String>> steps) {
        TrafficStep before = null;
        for (int n = 0; n < steps.size(); n++) {
            Located<String> written = steps.get(n);
            String at = map.path(ShiftTraffic.STEPS) + "[" + n + "]";
            try {
                TrafficStep step = TrafficStep.parse(written.value());
                if (before != null && step.weight() <= before.weight()) {
                    problems.add(
                            written.node(),
                            at,
                            "weight " + step.weight() + "% does not increase on the step before (" + before
                                    + "); each step moves more traffic to the new backend");
                }
                before = step;
            } catch (IllegalArgumentException e) {
                problems.add(written.node(), at, e.getMessage());
            }
        }
    }

    /** Several services' steps would fight over one route, unless {@code {service}} gives each its own. */
    private void oneRoutePerService(PhaseDraft phase, YamlMap map, int services) {
        boolean perService = ShiftTraffic.PER_SERVICE_FIELDS.stream()
                .anyMatch(field -> phase.settings().getOrDefault(field, "").contains(ShiftTraffic.SERVICE));
        if (services > 1 && !perService) {
            problems.add(
                    phase.anchor(),
                    map.path(ShiftTraffic.ROUTE),
                    "the phase runs for " + services + " services but names one route; list one service in"
                            + " services, or put " + ShiftTraffic.SERVICE + " in route or routeFile");
        }
    }

    private void backend(PhaseDraft phase, YamlMap map) {
        String kind = ShiftTraffic.routeKind(phase.settings());
        if (ShiftTraffic.NAMED_BACKENDS.contains(kind) && !map.has(ShiftTraffic.BACKEND)) {
            map.missing(
                    ShiftTraffic.BACKEND,
                    "the new backend, whose weight the steps set (routeKind " + kind + " routes to several)");
        }
    }
}
