package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import java.time.Instant;
import java.util.List;

/**
 * Announces, after every input, the phases whose steps have all ended and the end of the run: SUCCEEDED when every
 * step succeeded, FAILED when one did not, or at once when a failure stops the run and no worker is still at a step.
 */
final class RunCompletion {
    /** Why a wait was cut short; a retry that revives the run starts such waits again. */
    static final String ABANDONED = "skipped: the run stopped after a failure";

    private final MigrationRun run;
    private final Instant now;
    private final List<RunEffect> effects;

    RunCompletion(MigrationRun run, Instant now, List<RunEffect> effects) {
        this.run = run;
        this.now = now;
        this.effects = effects;
    }

    void report() {
        reportFinishedPhases();
        finishRunIfDone();
    }

    private void reportFinishedPhases() {
        for (PhaseDefinition phase : run.forwardPhases()) {
            PhaseRecord record = run.phaseRecord(phase.name());
            List<Step> phaseSteps = run.stepsOf(phase.name());
            if (record.finishReported || phaseSteps.isEmpty()) {
                continue;
            }
            if (run.runSteps().ended(phase.name())) {
                record.finishReported = true;
                effects.add(PhaseSummaries.finished(phase, phaseSteps));
            }
        }
    }

    private void finishRunIfDone() {
        if (run.state() != RunState.RUNNING && run.state() != RunState.PAUSED) {
            return;
        }
        var steps = run.steps().values();
        if (run.stopping() && steps.stream().noneMatch(run::awaitsWorker)) {
            abandonWaits();
            run.finish(RunState.FAILED, now, effects);
        } else if (run.runSteps().allEnded()) {
            boolean clean = steps.stream().allMatch(step -> step.state() == StepState.SUCCEEDED);
            run.finish(clean ? RunState.SUCCEEDED : RunState.FAILED, now, effects);
        }
    }

    /** A stopping run does not sit out a 48-hour wait: the waits still running will not finish. */
    private void abandonWaits() {
        for (Step step : List.copyOf(run.steps().values())) {
            if (step.state() == StepState.STARTED) {
                run.replace(step.skipped(ABANDONED));
            }
        }
    }
}
