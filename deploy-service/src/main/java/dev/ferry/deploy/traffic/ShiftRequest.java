package dev.ferry.deploy.traffic;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.RepositoryPath;
import dev.ferry.deploy.domain.manifest.TrafficRoute;
import dev.ferry.plan.action.TrafficStep;
import java.util.List;
import java.util.Objects;

/**
 * One service's traffic shift as a {@code shift-traffic} phase asks for it.
 *
 * @param stepId identifies the step for duplicate detection, saved progress and the commit trailer
 * @param file the route's file in the GitOps repository
 */
public record ShiftRequest(
        String stepId,
        String migrationId,
        String service,
        String environment,
        GitOpsTarget target,
        String file,
        TrafficRoute route,
        List<TrafficStep> steps,
        Analysis analysis) {

    public ShiftRequest {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(analysis, "analysis");
        file = RepositoryPath.of(file);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a traffic shift needs at least one step");
        }
    }

    /** Where the shift happens, for messages: {@code HTTPRoute auth (backend auth-service) in gateway/route.yaml}. */
    public String where() {
        return route + " in " + file;
    }
}
