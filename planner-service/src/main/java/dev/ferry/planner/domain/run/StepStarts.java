package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action.Performer;
import dev.ferry.plan.action.Wait;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.ServiceStart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps started by one input, gathered so that services of the same phase and attempt go out in one
 * {@code phase.started}, each with what its earlier steps produced. A step the planner's clock performs is announced
 * the same way, and knows when it ends.
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
        PhaseDefinition phase = run.phase(step.key().phase());
        Step started = step.started(now);
        if (phase.action().performer() == Performer.CLOCK) {
            started = started.wakingAt(now.plus(Wait.duration(phase)));
        }
        started = Deadlines.forStart(phase, now).map(started::dueBy).orElse(started);
        run.replace(started);
        String group = phase.name() + "\n" + started.attempt();
        byPhaseAndAttempt
                .computeIfAbsent(group, g -> new ArrayList<>())
                .add(new ServiceStart(
                        step.key().service(), prior(run, step.key().service(), phase.environment())));
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

    /**
     * Every output of the service's earlier successful steps, in the plan's order so a later one wins, and for a
     * step in an environment the tag that environment runs now.
     */
    static PriorResults prior(MigrationRun run, String service, String environment) {
        var outputs = new LinkedHashMap<String, String>();
        for (PhaseDefinition phase : run.forwardPhases()) {
            Step step = run.runSteps().get(phase.name(), service);
            if (step != null && step.state() == StepState.SUCCEEDED) {
                outputs.putAll(step.result().outputs());
            }
        }
        String deployedTag = environment == null ? null : run.deployed().current(service, environment);
        return new PriorResults(outputs, deployedTag);
    }
}
