package dev.ferry.planner.domain.run;

import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.PhaseKind;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.planner.domain.run.RunEffect.ApprovalRequested;
import dev.ferry.planner.domain.run.RunEffect.RunFinished;
import dev.ferry.planner.domain.run.RunInput.StepFailed;
import dev.ferry.planner.domain.run.RunInput.StepSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One migration run: the plan's forward phases times its services, each a {@link Step}. The run decides what starts
 * and when; it never does I/O. Every input goes through {@link #handle}, which returns the effects to publish; given
 * the same inputs at the same instants, a run always reaches the same state, so it can be rebuilt from its journal.
 *
 * <p>Services pipeline independently: a service's step starts as soon as its own steps in the phases it depends on
 * succeeded, unless the phase is a barrier or needs approval, in which case it waits for every service.
 */
public final class MigrationRun {

    private final String id;
    private final MigrationPlan plan;
    private final Instant startedAt;
    private final Map<StepKey, Step> steps = new LinkedHashMap<>();
    private final Map<String, PhaseRecord> phases = new LinkedHashMap<>();
    private final Rollbacks rollbacks;
    private final DeployHistory deployed = new DeployHistory();
    private RunState state = RunState.RUNNING;
    private Instant finishedAt;
    /** A step whose phase says STOP failed for good: nothing new starts and the run fails once running steps end. */
    private boolean stopping;

    private MigrationRun(String id, MigrationPlan plan, Instant now) {
        this.id = id;
        this.plan = plan;
        this.startedAt = now;
        this.rollbacks = new Rollbacks(plan);
        for (PhaseDefinition phase : forwardPhases()) {
            phases.put(phase.name(), new PhaseRecord());
            for (ServiceDefinition service : plan.services()) {
                if (phase.appliesTo(service.name())) {
                    StepKey key = new StepKey(phase.name(), service.name());
                    steps.put(key, Step.pending(key));
                }
            }
        }
    }

    /** Creates a run of the plan and starts what can start at once. */
    public static Started start(String id, MigrationPlan plan, Instant now) {
        MigrationRun run = new MigrationRun(id, plan, now);
        var effects = new ArrayList<RunEffect>();
        run.advance(now, effects);
        return new Started(run, new Transition(effects));
    }

    /** A new run and what its start caused. */
    public record Started(MigrationRun run, Transition transition) {}

    public Transition handle(RunInput input, Instant now) {
        var effects = new ArrayList<RunEffect>();
        switch (input) {
            case RunInput.Command command -> new CommandRules(this, now, effects).apply(command);
            case StepSucceeded success -> succeeded(success, now);
            case StepFailed failure -> failed(failure, now);
            case RunInput.Tick tick -> {}
        }
        advance(now, effects);
        return new Transition(effects);
    }

    /** When the earliest retry pause ends, if a step is waiting for one. */
    public Optional<Instant> nextRetryAt() {
        return steps.values().stream()
                .filter(step -> step.state() == StepState.RETRY_WAIT)
                .map(Step::retryAt)
                .min(Instant::compareTo);
    }

    public String id() {
        return id;
    }

    public MigrationPlan plan() {
        return plan;
    }

    public RunState state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    public Optional<Step> step(String phase, String service) {
        StepKey key = new StepKey(phase, service);
        return Optional.ofNullable(steps.getOrDefault(key, rollbacks.step(key)));
    }

    /** A read-only picture of the run for people (status API, CLI). */
    public RunView view() {
        return RunView.of(this);
    }

    // ---- reports from workers

    private void succeeded(StepSucceeded success, Instant now) {
        StepKey key = new StepKey(success.phase(), success.service());
        Step step = steps.get(key);
        if (step != null && step.state() == StepState.STARTED) {
            steps.put(key, step.succeeded(success.result(), now));
            if (success.result() instanceof StepResult.Deployed deploy) {
                deployed.deployed(success.service(), deploy.environment(), deploy.imageTag());
            }
            return;
        }
        rollbacks
                .succeeded(key, success.result(), now)
                .ifPresent(restored ->
                        deployed.rolledBack(success.service(), restored.environment(), restored.imageTag()));
    }

    private void failed(StepFailed failure, Instant now) {
        List<StepKey> keys = failure.service() == null
                ? steps.keySet().stream()
                        .filter(k -> k.phase().equals(failure.phase()))
                        .toList()
                : List.of(new StepKey(failure.phase(), failure.service()));
        for (StepKey key : keys) {
            Step step = steps.get(key);
            if (step != null && step.state() == StepState.STARTED) {
                failStep(step, failure, now);
            } else if (step == null) {
                rollbacks.failed(key, failure.reason(), now);
            }
        }
    }

    private void failStep(Step step, StepFailed failure, Instant now) {
        PhaseDefinition phase = phase(step.key().phase());
        RetryPolicy retry = phase.retry();
        if (failure.retryable() && step.attempt() < retry.attempts()) {
            Instant at = now.plus(retry.pauseBefore(step.attempt() + 1));
            steps.put(step.key(), step.waitingToRetry(failure.reason(), at, now));
            return;
        }
        String reason = step.attempt() > 1
                ? failure.reason() + " (gave up after " + step.attempt() + " attempts)"
                : failure.reason();
        steps.put(step.key(), step.failed(reason, now));
        if (phase.onFailure() == FailurePolicy.STOP) {
            stopping = true;
        } else {
            skipLaterSteps(step.key());
        }
    }

    /** The failed service's steps in every phase that (transitively) depends on the failed one will not run. */
    private void skipLaterSteps(StepKey failed) {
        for (PhaseDefinition later : forwardPhases()) {
            StepKey key = new StepKey(later.name(), failed.service());
            Step step = steps.get(key);
            if (step != null && step.state() == StepState.PENDING && dependsOn(later, failed.phase())) {
                steps.put(key, step.skipped("skipped: " + failed.phase() + " failed for " + failed.service()));
            }
        }
    }

    // ---- deciding what starts

    /** Starts what is ready, asks for approvals, and announces phases and the run that ended. */
    private void advance(Instant now, List<RunEffect> effects) {
        if (state == RunState.RUNNING && !stopping) {
            var starts = new StepStarts(this, now);
            retryDueSteps(now, starts);
            boolean changed = true;
            while (changed) {
                changed = false;
                for (PhaseDefinition phase : forwardPhases()) {
                    changed |= advancePhase(phase, now, starts, effects);
                }
            }
            effects.addAll(starts.requests());
        }
        reportFinishedPhases(effects);
        finishRunIfDone(now, effects);
    }

    private void retryDueSteps(Instant now, StepStarts starts) {
        for (Step step : List.copyOf(steps.values())) {
            if (step.state() == StepState.RETRY_WAIT && !step.retryAt().isAfter(now)) {
                starts.start(step);
            }
        }
    }

    /** Returns whether a step of this phase finished at once (a gate), which may make later phases ready. */
    private boolean advancePhase(PhaseDefinition phase, Instant now, StepStarts starts, List<RunEffect> effects) {
        List<Step> ready = pendingSteps(phase).stream()
                .filter(step -> dependenciesSucceeded(phase, step.key().service()))
                .toList();
        boolean waitsForPerson = phase.approvalRequired() || phase.action() == PhaseKind.GATE;
        if (ready.isEmpty()) {
            return false;
        }
        if (phase.waitsForAllServices() || waitsForPerson) {
            if (ready.size() < pendingSteps(phase).size()) {
                return false;
            }
            PhaseRecord record = phases.get(phase.name());
            if (waitsForPerson && !record.approved()) {
                if (!record.approvalRequested) {
                    record.approvalRequested = true;
                    effects.add(new ApprovalRequested(
                            phase.name(),
                            phase.environment(),
                            ready.stream()
                                    .map(s -> new RunEffect.ServiceStart(
                                            s.key().service(),
                                            StepStarts.prior(
                                                    this, s.key().service(), phase.action(), phase.environment())))
                                    .toList(),
                            phase.checklist()));
                }
                return false;
            }
            if (phase.action() == PhaseKind.GATE) {
                for (Step step : ready) {
                    steps.put(step.key(), step.started(now).succeeded(new StepResult.Approved(record.approvedBy), now));
                }
                return true;
            }
        }
        ready.forEach(starts::start);
        return false;
    }

    private List<Step> pendingSteps(PhaseDefinition phase) {
        return steps.values().stream()
                .filter(step -> step.key().phase().equals(phase.name()) && step.state() == StepState.PENDING)
                .toList();
    }

    /** Whether the service's steps in every phase this one depends on succeeded (looking through phases that skip it). */
    boolean dependenciesSucceeded(PhaseDefinition phase, String service) {
        for (String dependency : phase.dependsOn()) {
            PhaseDefinition before = phase(dependency);
            Step step = steps.get(new StepKey(dependency, service));
            boolean satisfied =
                    step == null ? dependenciesSucceeded(before, service) : step.state() == StepState.SUCCEEDED;
            if (!satisfied) {
                return false;
            }
        }
        return true;
    }

    private boolean dependsOn(PhaseDefinition phase, String earlier) {
        return phase.dependsOn().stream().anyMatch(d -> d.equals(earlier) || dependsOn(phase(d), earlier));
    }

    private void reportFinishedPhases(List<RunEffect> effects) {
        for (PhaseDefinition phase : forwardPhases()) {
            PhaseRecord record = phases.get(phase.name());
            List<Step> phaseSteps = stepsOf(phase.name());
            if (record.finishReported || phaseSteps.isEmpty()) {
                continue;
            }
            if (phaseSteps.stream().allMatch(step -> step.state().isTerminal())) {
                record.finishReported = true;
                effects.add(PhaseSummaries.finished(phase, phaseSteps));
            }
        }
    }

    private void finishRunIfDone(Instant now, List<RunEffect> effects) {
        if (state != RunState.RUNNING && state != RunState.PAUSED) {
            return;
        }
        boolean anyRunning = steps.values().stream().anyMatch(step -> step.state() == StepState.STARTED);
        boolean allEnded = steps.values().stream().allMatch(step -> step.state().isTerminal());
        if (stopping && !anyRunning) {
            finish(RunState.FAILED, now, effects);
        } else if (allEnded) {
            boolean clean = steps.values().stream().allMatch(step -> step.state() == StepState.SUCCEEDED);
            finish(clean ? RunState.SUCCEEDED : RunState.FAILED, now, effects);
        }
    }

    void finish(RunState outcome, Instant now, List<RunEffect> effects) {
        state = outcome;
        finishedAt = now;
        effects.add(new RunFinished(
                outcome, RunMetricsCalculator.of(plan, steps.values(), rollbacks), Duration.between(startedAt, now)));
    }

    // ---- used by the command rules and the step starts

    List<PhaseDefinition> forwardPhases() {
        return plan.phases().stream().filter(p -> p.action().runsForward()).toList();
    }

    PhaseDefinition phase(String name) {
        return plan.phase(name).orElseThrow(() -> new IllegalStateException("no phase " + name + " in the plan"));
    }

    List<Step> stepsOf(String phase) {
        return steps.values().stream()
                .filter(step -> step.key().phase().equals(phase))
                .toList();
    }

    Map<StepKey, Step> steps() {
        return steps;
    }

    PhaseRecord phaseRecord(String phase) {
        return phases.get(phase);
    }

    Rollbacks rollbacks() {
        return rollbacks;
    }

    DeployHistory deployed() {
        return deployed;
    }

    void state(RunState newState) {
        state = newState;
        if (!newState.isFinal()) {
            finishedAt = null;
        }
    }

    boolean stopping() {
        return stopping;
    }

    void stopping(boolean value) {
        stopping = value;
    }

    void replace(Step step) {
        steps.put(step.key(), step);
    }
}
