package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.PhaseKind;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.ServiceStart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps started by one input, gathered so that services of the same phase and attempt go out in one
 * {@code phase.started}, each with what its earlier steps produced.
 */
final class StepStarts {
    private final MigrationRun run;
    private final Instant now;
    private final Map<String, List<ServiceStart>> byPhaseAndAttempt = new LinkedHashMap<>();

    StepStarts(MigrationRun run, Instant now) {
        this.run = run;
        this.now = now;
    }

    void start(Step step) {
        Step started = step.started(now);
        run.replace(started);
        PhaseDefinition phase = run.phase(step.key().phase());
        String group = phase.name() + "\n" + started.attempt();
        byPhaseAndAttempt
                .computeIfAbsent(group, g -> new ArrayList<>())
                .add(new ServiceStart(
                        step.key().service(), prior(run, step.key().service(), phase.action(), phase.environment())));
    }

    List<RunEffect> requests() {
        var requests = new ArrayList<RunEffect>();
        byPhaseAndAttempt.forEach((group, services) -> {
            String[] parts = group.split("\n");
            PhaseDefinition phase = run.phase(parts[0]);
            requests.add(new PhaseStartRequested(
                    phase.name(), phase.action(), phase.environment(), Integer.parseInt(parts[1]), services));
        });
        return requests;
    }

    /** What the service's split and latest build produced, and the tag its environment runs now. */
    static PriorResults prior(MigrationRun run, String service, PhaseKind action, String environment) {
        String splitCommit = null;
        StepResult.ImageBuilt image = null;
        for (Step step : run.steps().values()) {
            if (!step.key().service().equals(service) || step.state() != StepState.SUCCEEDED) {
                continue;
            }
            switch (step.result()) {
                case StepResult.Split split -> splitCommit = split.splitCommit();
                case StepResult.ImageBuilt built -> image = built;
                default -> {}
            }
        }
        String deployedTag = action == PhaseKind.DEPLOY ? run.deployed().current(service, environment) : null;
        return image == null
                ? new PriorResults(splitCommit, null, null, null, deployedTag)
                : new PriorResults(
                        splitCommit, image.imageReference(), image.imageDigest(), image.imageTag(), deployedTag);
    }
}
