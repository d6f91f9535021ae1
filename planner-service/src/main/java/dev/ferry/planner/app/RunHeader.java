package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.RunState;
import java.time.Instant;
import java.util.Map;

/**
 * What is stored about a run besides its journal: the plan it runs, and where it stands for listings.
 *
 * @param origin null for a run started by a command; for a continuous-delivery run, what started it
 */
public record RunHeader(
        String id,
        String planName,
        String planDocument,
        Map<String, String> parameters,
        DeliveryOrigin origin,
        RunState state,
        Instant startedAt,
        Instant finishedAt) {

    public RunHeader {
        parameters = Map.copyOf(parameters);
    }

    /** The same run in another state. */
    public RunHeader at(RunState newState, Instant newFinishedAt) {
        return new RunHeader(id, planName, planDocument, parameters, origin, newState, startedAt, newFinishedAt);
    }

    /** A push to a service repository that a finished migration created. */
    public record DeliveryOrigin(String migrationId, String service, String commit) {}
}
