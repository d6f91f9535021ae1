package dev.ferry.cli.status;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.status.MigrationStatus.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** FitSync runs at various points, as the planner's status API would show them. */
final class Runs {

    static final String ID = "9b2f6c1e-0d3a-4c51-8f7e-2b9d4e6a1c00";
    static final Instant STARTED = Instant.parse("2026-11-22T10:00:00Z");

    private Runs() {}

    /** Split done, build under way with one failure retrying, prod deploy waiting for approval. */
    static MigrationStatus midway() {
        return run(
                RunState.RUNNING,
                null,
                List.of(
                        phase(
                                "split",
                                "SPLIT",
                                null,
                                PhaseState.SUCCEEDED,
                                List.of(
                                        done("api-gateway", "splitCommit", "4f1c2ab"),
                                        done("user-service", "splitCommit", "77aa001"),
                                        done("frontend", "splitCommit", "0c0ffee"))),
                        phase(
                                "build",
                                "BUILD",
                                null,
                                PhaseState.RUNNING,
                                List.of(
                                        done("api-gateway", "imageDigest", "sha256:aaa"),
                                        new Step(
                                                "user-service",
                                                StepState.RETRY_WAIT,
                                                2,
                                                STARTED,
                                                null,
                                                null,
                                                "registry answered 503\nretrying in 4 s",
                                                Map.of()),
                                        new Step(
                                                "frontend",
                                                StepState.STARTED,
                                                1,
                                                STARTED,
                                                null,
                                                null,
                                                null,
                                                Map.of()))),
                        phase(
                                "deploy-prod",
                                "DEPLOY",
                                "prod",
                                PhaseState.AWAITING_APPROVAL,
                                List.of(pending("api-gateway"), pending("user-service"), pending("frontend")))));
    }

    static MigrationStatus run(RunState state, Instant finished, List<Phase> phases) {
        return new MigrationStatus(ID, "fitsync-multi-repo", state, STARTED, finished, phases);
    }

    static Phase phase(String name, String action, String environment, PhaseState state, List<Step> steps) {
        return new Phase(
                name, action, environment, state, state == PhaseState.AWAITING_APPROVAL, null, null, null, steps);
    }

    static Step done(String service, String key, String value) {
        return new Step(
                service, StepState.SUCCEEDED, 1, STARTED, STARTED.plusSeconds(20), null, null, Map.of(key, value));
    }

    static Step pending(String service) {
        return new Step(service, StepState.PENDING, 0, null, null, null, null, Map.of());
    }

    static Step step(String service, StepState state) {
        return new Step(service, state, 1, STARTED, null, null, null, Map.of());
    }
}
