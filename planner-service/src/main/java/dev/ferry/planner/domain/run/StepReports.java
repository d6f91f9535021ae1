package dev.ferry.planner.domain.run;

import dev.ferry.plan.DurationText;
import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.action.Action;
import dev.ferry.planner.domain.run.RunInput.StepFailed;
import dev.ferry.planner.domain.run.RunInput.StepSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a step's result does to a run: a success records the outputs (and the tag an environment now runs, for actions
 * a rollback undoes); a failure is retried under the phase's policy, or stops the run, or skips the service's later
 * steps. A report is applied only to the step and attempt it names while that attempt runs; anything else (a late
 * result of an earlier attempt, a repeat, a result for a step never started) is dropped with the reason.
 */
final class StepReports {
    private final MigrationRun run;
    private final Instant now;
    private final List<RunEffect> effects;

    StepReports(MigrationRun run, Instant now, List<RunEffect> effects) {
        this.run = run;
        this.now = now;
        this.effects = effects;
    }

    void succeeded(StepSucceeded success) {
        StepKey key = new StepKey(success.phase(), success.service());
        if (!current(key, success.attempt())) {
            return;
        }
        Step step = run.steps().get(key);
        if (step != null) {
            run.replace(step.succeeded(success.result(), now));
            if (run.phase(key.phase()).action().undo() == Action.Undo.RESTORE_PREVIOUS_TAG) {
                run.deployed()
                        .deployed(
                                key.service(),
                                run.phase(key.phase()).environment(),
                                tag(success.result()),
                                success.result().output("imageDigest"));
            }
            return;
        }
        Optional<String> restored = run.rollbacks().succeeded(key, success.result(), now);
        // A traffic rollback restores no tag: the environment still runs what it ran.
        restored.filter(environment -> tag(success.result()) != null)
                .ifPresent(environment -> run.deployed().rolledBack(key.service(), environment, tag(success.result())));
        // The service runs its earlier version again: its migrations can be undone now.
        restored.filter(environment -> run.rollbacks().restoresEnvironment(key))
                .ifPresent(environment -> DataUndos.start(run, key.service(), environment, now, effects));
    }

    void heartbeat(RunInput.Heartbeat heartbeat) {
        StepKey key = new StepKey(heartbeat.phase(), heartbeat.service());
        Step step = run.steps().get(key);
        if (step != null) {
            Deadlines.afterHeartbeat(run.phase(key.phase()), step, now).ifPresent(at -> run.replace(step.dueBy(at)));
        }
    }

    /** Running steps past their deadline fail as TIMEOUT, each announced so people see why. */
    void timeOutOverdueSteps() {
        if (!run.runSteps().anyDueBy(now)) {
            return;
        }
        for (Step step : List.copyOf(run.steps().values())) {
            if (step.state() == StepState.STARTED
                    && step.deadline() != null
                    && !step.deadline().isAfter(now)) {
                PhaseDefinition phase = run.phase(step.key().phase());
                String reason = "TIMEOUT: the " + phase.action().name() + " step of "
                        + step.key().service()
                        + " sent no result within its timeout of " + DurationText.format(phase.timeout())
                        + " and no heartbeat in the last " + DurationText.format(Deadlines.window(phase))
                        + "; its worker may have stopped or lost the request";
                boolean retryable = phase.action().retryable();
                failed(new StepFailed(
                        step.key().phase(), step.key().service(), step.attempt(), retryable, reason, null));
                effects.add(new RunEffect.StepTimedOut(
                        step.key().phase(), step.key().service(), phase.action(), step.attempt(), retryable, reason));
            }
        }
    }

    void failed(StepFailed failure) {
        List<StepKey> keys = failure.service() == null
                ? run.steps().values().stream()
                        .filter(step -> step.key().phase().equals(failure.phase()))
                        .filter(step -> step.state() == StepState.STARTED)
                        .map(Step::key)
                        .toList()
                : List.of(new StepKey(failure.phase(), failure.service()));
        for (StepKey key : keys) {
            if (!current(key, failure.attempt())) {
                continue;
            }
            Step step = run.steps().get(key);
            if (step != null) {
                failStep(step, failure);
            } else {
                run.rollbacks().failed(key, failure.reason(), now);
            }
        }
    }

    /**
     * Whether a report names the attempt of the step that is running now; when it does not, it is dropped and the
     * reason is told. Forged results and late ones from an attempt the planner already gave up on end here.
     */
    private boolean current(StepKey key, int attempt) {
        Step step = run.step(key.phase(), key.service()).orElse(null);
        String reason;
        if (step == null) {
            reason = "the run has no step " + key.phase() + "/" + key.service();
        } else if (step.state() != StepState.STARTED) {
            reason = "the step is " + step.state().name().toLowerCase(Locale.ROOT) + ", not running";
        } else if (attempt == RunInput.JOURNALED_BEFORE_ATTEMPTS || attempt == step.attempt()) {
            return true;
        } else if (attempt <= 0) {
            reason = "the result names no attempt (a worker older than this planner)";
        } else {
            reason = "it answers attempt " + attempt + " but attempt " + step.attempt() + " is the one running";
        }
        effects.add(new RunEffect.ResultDropped(key.phase(), key.service(), attempt, reason));
        return false;
    }

    private void failStep(Step step, StepFailed failure) {
        PhaseDefinition phase = run.phase(step.key().phase());
        if (failure.rollbackMillis() != null) {
            run.rollbacks()
                    .undoneByWorker(
                            step.key().service(), phase.environment(), Duration.ofMillis(failure.rollbackMillis()));
        }
        RetryPolicy retry = phase.retry();
        if (failure.retryable() && phase.action().retryable() && step.attempt() < retry.attempts()) {
            Instant at = now.plus(retry.pauseBefore(step.attempt() + 1));
            run.replace(step.waitingToRetry(failure.reason(), at, now));
            return;
        }
        String reason = step.attempt() > 1
                ? failure.reason() + " (gave up after " + step.attempt() + " attempts)"
                : failure.reason();
        run.replace(step.failed(reason, now));
        if (phase.onFailure() == FailurePolicy.STOP) {
            run.stopping(true);
        } else {
            if (phase.onFailure() == FailurePolicy.ROLLBACK) {
                DataUndos.restoreBackup(run, phase, step.key().service(), now, effects);
            }
            skipLaterSteps(step.key(), skipReason(phase, step.key()));
        }
    }

    /**
     * Why the failed service's later steps do not run. After {@code onFailure: rollback} on a deploy, the environment
     * was given back its previous tag (the failed step's error says how long that took), so the service goes to no
     * later environment and moves no tag; elsewhere the rollback restores the service's latest backup (a step of its
     * own). Either way the other services go on, and the run ends FAILED.
     */
    private static String skipReason(PhaseDefinition phase, StepKey failed) {
        String reason = "skipped: " + failed.phase() + " failed for " + failed.service();
        if (phase.onFailure() != FailurePolicy.ROLLBACK) {
            return reason;
        }
        return phase.action().undo() == Action.Undo.RESTORE_PREVIOUS_TAG
                ? reason + "; onFailure: rollback restored " + phase.environment()
                        + "'s previous tag (see that step's error), so the service goes no further"
                : reason + "; onFailure: rollback restores the service's latest backup, so the service goes no further";
    }

    /** The failed service's steps in every phase that (transitively) depends on the failed one will not run. */
    private void skipLaterSteps(StepKey failed, String reason) {
        for (PhaseDefinition later : run.forwardPhases()) {
            StepKey key = new StepKey(later.name(), failed.service());
            Step step = run.steps().get(key);
            if (step != null && step.state() == StepState.PENDING && dependsOn(later, failed.phase())) {
                run.replace(step.skipped(reason));
            }
        }
    }

    private boolean dependsOn(PhaseDefinition phase, String earlier) {
        return dependsOn(run, phase, earlier);
    }

    /** Whether {@code phase} depends on {@code earlier}, directly or through other phases. */
    static boolean dependsOn(MigrationRun run, PhaseDefinition phase, String earlier) {
        return phase.dependsOn().stream().anyMatch(d -> d.equals(earlier) || dependsOn(run, run.phase(d), earlier));
    }

    private static String tag(StepResult result) {
        return result.output("imageTag");
    }
}
