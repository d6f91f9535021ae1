package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.action.Action.Performer;
import dev.ferry.plan.action.Wait;
import dev.ferry.planner.domain.run.RunEffect.ApprovalRequested;
import java.time.Instant;
import java.util.List;

/**
 * Decides, after every input, what starts: steps whose retry pause is over, steps whose dependencies succeeded
 * (unless their phase waits for every service, a person or the service before it), and steps the planner performs
 * itself (a gate once approved, a wait once its time is up). Knows actions only by their performer.
 */
final class RunProgress {
    private final MigrationRun run;
    private final Instant now;
    private final List<RunEffect> effects;
    private final StepStarts starts;

    RunProgress(MigrationRun run, Instant now, List<RunEffect> effects) {
        this.run = run;
        this.now = now;
        this.effects = effects;
        this.starts = new StepStarts(run, now);
    }

    void advance() {
        retryDueSteps();
        boolean changed = true;
        while (changed) {
            changed = endDueWaits();
            for (PhaseDefinition phase : run.forwardPhases()) {
                changed |= advancePhase(phase);
            }
        }
        effects.addAll(starts.requests());
    }

    private void retryDueSteps() {
        if (!run.runSteps().anyDueBy(now)) {
            return;
        }
        for (Step step : List.copyOf(run.steps().values())) {
            if (step.state() == StepState.RETRY_WAIT && !step.retryAt().isAfter(now)) {
                starts.start(step);
            }
        }
    }

    /** Steps the clock performs succeed when their time is up; returns whether one did. */
    private boolean endDueWaits() {
        boolean ended = false;
        if (!run.runSteps().anyDueBy(now)) {
            return false;
        }
        for (Step step : List.copyOf(run.steps().values())) {
            if (step.state() == StepState.STARTED
                    && step.wakeAt() != null
                    && !step.wakeAt().isAfter(now)) {
                var result = StepResult.of(Wait.WAITED_UNTIL, step.wakeAt().toString());
                run.replace(step.succeeded(result, now));
                effects.add(new RunEffect.StepCompleted(
                        step.key().phase(),
                        step.key().service(),
                        run.phase(step.key().phase()).action(),
                        result));
                ended = true;
            }
        }
        return ended;
    }

    /** Returns whether a step of this phase finished at once (an approved gate), which may make others ready. */
    private boolean advancePhase(PhaseDefinition phase) {
        if (run.runSteps().count(phase.name(), StepState.PENDING) == 0) {
            return false;
        }
        if (startsEveryReadyStep(phase)) {
            // A step left pending by the last look was not ready and stays so until a step of its service changes:
            // only the touched services' steps need a look (a scan of every step per input, with thousands of them,
            // was the planner's largest cost).
            run.runSteps().pendingTouched(phase.name()).stream()
                    .filter(step -> run.dependenciesSucceeded(phase, step.key().service()))
                    .toList()
                    .forEach(starts::start);
            return false;
        }
        List<Step> pending = pendingSteps(phase);
        List<Step> ready = pending.stream()
                .filter(step -> run.dependenciesSucceeded(phase, step.key().service()))
                .toList();
        if (ready.isEmpty()) {
            return false;
        }
        if (phase.waitsForAllServices() || phase.waitsForPerson()) {
            if (ready.size() < pending.size() || !approved(phase, ready)) {
                return false;
            }
            if (phase.action().performer() == Performer.PERSON) {
                PhaseRecord record = run.phaseRecord(phase.name());
                var result = StepResult.of("approvedBy", record.approvedBy);
                ready.forEach(step -> run.replace(step.started(now).succeeded(result, now)));
                return true;
            }
        }
        if (phase.rollout() == Rollout.SEQUENTIAL) {
            ready = inFlight(phase) ? List.of() : ready.subList(0, 1);
        }
        ready.forEach(starts::start);
        return false;
    }

    /** Whether a look at the phase starts every step found ready (no barrier, approval or one-at-a-time rollout). */
    private boolean startsEveryReadyStep(PhaseDefinition phase) {
        return !phase.waitsForAllServices()
                && !phase.waitsForPerson()
                && phase.rollout() != Rollout.SEQUENTIAL
                && run.waitsOnlyForOwnSteps(phase);
    }

    /** Whether the phase may go on: it needs no person, or one approved it; asks once for the approval otherwise. */
    private boolean approved(PhaseDefinition phase, List<Step> ready) {
        PhaseRecord record = run.phaseRecord(phase.name());
        if (!phase.waitsForPerson() || record.approved()) {
            return true;
        }
        if (!record.approvalRequested) {
            record.approvalRequested = true;
            effects.add(new ApprovalRequested(
                    phase.name(),
                    phase.environment(),
                    ready.stream()
                            .map(s -> new RunEffect.ServiceStart(
                                    s.key().service(),
                                    StepStarts.prior(run, s.key().service(), phase.environment())))
                            .toList(),
                    phase.checklist()));
        }
        return false;
    }

    /** Whether a step of the phase runs or waits to be retried: a sequential phase starts the next one after. */
    private boolean inFlight(PhaseDefinition phase) {
        return run.runSteps().count(phase.name(), StepState.STARTED) > 0
                || run.runSteps().count(phase.name(), StepState.RETRY_WAIT) > 0;
    }

    private List<Step> pendingSteps(PhaseDefinition phase) {
        return run.stepsOf(phase.name()).stream()
                .filter(step -> step.state() == StepState.PENDING)
                .toList();
    }
}
