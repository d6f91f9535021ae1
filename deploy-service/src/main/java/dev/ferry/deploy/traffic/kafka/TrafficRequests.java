package dev.ferry.deploy.traffic.kafka;

import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.manifest.TrafficRoute;
import dev.ferry.deploy.traffic.Analysis;
import dev.ferry.deploy.traffic.ShiftRequest;
import dev.ferry.plan.action.MetricCondition;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.plan.action.TrafficStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one service's traffic shift out of a {@code shift-traffic} {@code phase.started}: the route from the phase's
 * settings, the repository from the service's GitOps settings for the phase's environment. The plan reader checked the
 * settings already; a record that still breaks them (written by hand, or by an older planner) fails its step with what
 * is wrong.
 */
final class TrafficRequests {

    private TrafficRequests() {}

    static String stepId(PhaseStarted event, ServiceWork work) {
        return event.getMetadata().getEventId() + "/" + work.getService();
    }

    static ShiftRequest of(PhaseStarted event, ServiceWork work) {
        Map<String, String> settings = event.getSettings();
        GitOpsSpec gitops = work.getGitops();
        if (gitops == null) {
            throw StepFailure.invalid("service " + work.getService() + " has no GitOps settings for environment "
                    + event.getEnvironment() + "; the plan must say which repository holds its route");
        }
        try {
            return new ShiftRequest(
                    stepId(event, work),
                    event.getMetadata().getMigrationId().toString(),
                    work.getService(),
                    event.getEnvironment(),
                    new GitOpsTarget(
                            gitops.getRepository(), gitops.getBranch(), Optional.ofNullable(gitops.getCredentialRef())),
                    ShiftTraffic.forService(settings, ShiftTraffic.ROUTE_FILE, work.getService()),
                    new TrafficRoute(
                            kind(ShiftTraffic.routeKind(settings)),
                            ShiftTraffic.forService(settings, ShiftTraffic.ROUTE, work.getService()),
                            ShiftTraffic.forService(settings, ShiftTraffic.BACKEND, work.getService())),
                    ShiftTraffic.steps(settings),
                    analysis(settings));
        } catch (IllegalArgumentException e) {
            throw StepFailure.invalid(
                    "phase " + event.getPhase() + " for " + work.getService() + ": " + e.getMessage());
        }
    }

    private static TrafficRoute.Kind kind(String written) {
        return TrafficRoute.Kind.valueOf(written.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static Analysis analysis(Map<String, String> settings) {
        Map<String, String> conditions = ShiftTraffic.conditions(settings);
        var checks = new ArrayList<Analysis.Check>();
        ShiftTraffic.queries(settings).forEach((name, query) -> {
            String condition = conditions.get(name);
            if (condition == null) {
                throw new IllegalArgumentException("query " + name + " has no condition");
            }
            checks.add(new Analysis.Check(name, query, MetricCondition.parse(condition)));
        });
        return new Analysis(
                List.copyOf(checks),
                ShiftTraffic.interval(settings),
                ShiftTraffic.failuresAllowed(settings),
                ShiftTraffic.noDataPasses(settings));
    }

    /** The steps, for a log line. */
    static String steps(ShiftRequest request) {
        return String.join(
                ", ", request.steps().stream().map(TrafficStep::toString).toList());
    }
}
