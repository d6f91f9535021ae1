package dev.ferry.cli.status;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The planner's status API, as the CLI reads it. Failures are CliFailures naming the planner's address. */
public interface PlannerClient {

    /** Every run, newest first. */
    List<MigrationStatus> migrations();

    /** One run; fails when the planner knows no run with this id. */
    MigrationStatus migration(String id);

    /** The plan a run runs, with its dry run; fails when the planner knows no run with this id. */
    RunPlan plan(String id);

    /**
     * Follows a run's change stream: calls {@code listener} with the current state, then after each change, and
     * returns when the planner ends the stream (after the run reached a final state, or when it went away).
     */
    void follow(String id, Consumer<MigrationStatus> listener);

    /** The planner's version ({@code GET /version}); empty when it does not answer at once. */
    default Optional<String> version() {
        return Optional.empty();
    }

    /** The same client sending the token with every request, for a planner that lets only known people read runs. */
    default PlannerClient withToken(String token) {
        return this;
    }
}
