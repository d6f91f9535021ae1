package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.withPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.plan.action.TrafficStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A shift-traffic phase: its settings on the wire, and steps and conditions refused where they are written. */
class PlanReaderShiftTrafficTest {

    private static final String ROUTE = """
                  environment: prod
                  route: web
                  routeKind: gateway-api
                  routeFile: gateway/web-route.yaml
                  backend: web-v2
            """;

    private static String shift(String fields) {
        return withPhase("shift-traffic", ROUTE + "      services: [web]\n" + fields);
    }

    @Test
    void readsStepsQueriesAndConditions() {
        MigrationPlan plan = PlanReader.read("plan.yaml", shift("""
                      steps: [10% for 48h, 25% for 24h, "100%"]
                      queries: {errorRatio: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))'}
                      conditions: {errorRatio: "< 0.01"}
                      interval: 30s
                      failuresAllowed: 2
                      noData: pass
                """));

        var settings = plan.phase("extra").orElseThrow().settings();
        assertThat(ShiftTraffic.steps(settings))
                .extracting(TrafficStep::weight, TrafficStep::pause)
                .containsExactly(
                        tuple(10, Duration.ofHours(48)), tuple(25, Duration.ofHours(24)), tuple(100, Duration.ZERO));
        assertThat(ShiftTraffic.queries(settings))
                .containsEntry("errorRatio", "sum(rate(errors[1m])) / sum(rate(requests[1m]))");
        assertThat(ShiftTraffic.conditions(settings)).containsEntry("errorRatio", "< 0.01");
        assertThat(ShiftTraffic.interval(settings)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ShiftTraffic.failuresAllowed(settings)).isEqualTo(2);
        assertThat(ShiftTraffic.noDataPasses(settings)).isTrue();
        assertThat(ShiftTraffic.routeKind(settings)).isEqualTo("gateway-api");
    }

    @Test
    void noDataFailsAndOneFailureIsTooManyByDefault() {
        var settings = PlanReader.read("plan.yaml", shift("      steps: [50% for 1h, 100%]\n"))
                .phase("extra")
                .orElseThrow()
                .settings();

        assertThat(ShiftTraffic.noDataPasses(settings)).isFalse();
        assertThat(ShiftTraffic.failuresAllowed(settings)).isZero();
        assertThat(ShiftTraffic.interval(settings)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesWeightsThatDoNotIncreaseOrLeaveZeroToHundredAtTheStep() {
        assertThat(problems(shift("      steps: [25% for 1h, 10% for 1h, 150%, half]\n")))
                .containsExactly(
                        "plan.yaml:50:27 phases[4].steps[1]: weight 10% does not increase on the step before (25% for"
                                + " 1h); each step moves more traffic to the new backend",
                        "plan.yaml:50:39 phases[4].steps[2]: weight 150% is outside 0-100",
                        "plan.yaml:50:45 phases[4].steps[3]: \"half\" is not a traffic step; write the new backend's"
                                + " weight and how long to watch it, e.g. \"10% for 48h\", or \"100%\" for the last");
    }

    @Test
    void refusesAConditionThatDoesNotParseAndAQueryWithoutCondition() {
        assertThat(problems(shift("""
                      steps: ["100%"]
                      queries: {errorRatio: 'sum(rate(errors[1m]))', latency: 'histogram_quantile(0.99, x)'}
                      conditions: {errorRatio: "below 0.01", p99: "< 0.5"}
                """)))
                .containsExactlyInAnyOrder(
                        "plan.yaml:51:54 phases[4].queries.latency: has no condition; add conditions.latency, e.g."
                                + " \"< 0.01\"",
                        "plan.yaml:52:20 phases[4].conditions.errorRatio: \"below 0.01\" is not a condition; write a"
                                + " comparison and a number, e.g. \"< 0.01\" or \">= 0.99\" (one of <, <=, >, >=, ==,"
                                + " !=)",
                        "plan.yaml:52:46 phases[4].conditions.p99: is the condition of no query; queries has"
                                + " errorRatio, latency");
    }

    @Test
    void refusesOneRouteForSeveralServicesUnlessEachHasItsOwn() {
        String everyService = shift("      steps: [\"100%\"]\n").replace("      services: [web]\n", "");

        assertThat(problems(everyService))
                .singleElement()
                .asString()
                .endsWith("phases[4].route: the phase runs for 2 services but names one route; list one service in"
                        + " services, or put {service} in route or routeFile");
        var settings = PlanReader.read("plan.yaml", everyService.replace("route: web", "route: \"{service}\""))
                .phase("extra")
                .orElseThrow()
                .settings();
        assertThat(ShiftTraffic.forService(settings, ShiftTraffic.ROUTE, "api")).isEqualTo("api");
    }

    @Test
    void asksWhichBackendIsNewWhenTheRouteNamesSeveral() {
        String withoutBackend = shift("      steps: [\"100%\"]\n").replace("      backend: web-v2\n", "");

        assertThat(problems(withoutBackend))
                .singleElement()
                .asString()
                .startsWith(
                        "plan.yaml:41:7 phases[4].backend: required field \"backend\" is missing; give the new backend");
    }
}
