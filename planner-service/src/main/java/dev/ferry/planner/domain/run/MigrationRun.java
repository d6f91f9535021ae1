package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.action.Action.Performer;
import dev.ferry.planner.domain.run.RunEffect.RunFinished;
import dev.ferry.planner.domain.run.RunInput.StepFailed;
import dev.ferry.planner.domain.run.RunInput.StepSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final RunSteps steps = new RunSteps();
    /** The plan's phases that run forward (not rollbacks), in order; asked for several times per input. */
    private final List<PhaseDefinition> forwardPhases;
    /** Phases where each service waits only for its own steps in the phases before (no phase-wide dependency). */
    private final Set<String> waitingOnOwnSteps = new HashSet<>();

    private final Map<String, PhaseRecord> phases = new LinkedHashMap<>();
    /** The steps changed by the input being handled; handed out with its effects. */
    private final List<StepChange> changes = new ArrayList<>();

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
        this.rollbacks = new Rollbacks(plan, changes::add);
        this.forwardPhases =
                plan.phases().stream().filter(p -> p.action().runsForward()).toList();
        for (PhaseDefinition phase : forwardPhases()) {
            phases.put(phase.name(), new PhaseRecord());
            for (ServiceDefinition service : plan.services()) {
                if (phase.appliesTo(service.name())) {
                    steps.add(Step.pending(new StepKey(phase.name(), service.name())));
                }
            }
        }
        for (PhaseDefinition phase : forwardPhases) {
            if (phase.dependsOn().stream().allMatch(dependency -> ownStepsIn(dependency, phase))) {
                waitingOnOwnSteps.add(phase.name());
            }
        }
    }

    /** Whether every service the phase runs for has a step of its own in the dependency. */
    private boolean ownStepsIn(String dependency, PhaseDefinition phase) {
        return stepsOf(phase.name()).stream()
                .allMatch(step -> steps.get(dependency, step.key().service()) != null);
    }

    /** Creates a run of the plan and starts what can start at once. */
    public static Started start(String id, MigrationPlan plan, Instant now) {
        MigrationRun run = new MigrationRun(id, plan, now);
        var effects = new ArrayList<RunEffect>();
        run.advance(now, effects);
        return new Started(run, run.transition(effects));
    }

    /** A new run and what its start caused. */
    public record Started(MigrationRun run, Transition transition) {}

    public Transition handle(RunInput input, Instant now) {
        changes.clear();
        var effects = new ArrayList<RunEffect>();
        switch (input) {
            case RunInput.Command command -> new CommandRules(this, now, effects).apply(command);
            case StepSucceeded success -> new StepReports(this, now, effects).succeeded(success);
            case StepFailed failure -> new StepReports(this, now, effects).failed(failure);
            case RunInput.Heartbeat heartbeat -> new StepReports(this, now, effects).heartbeat(heartbeat);
            case RunInput.Tick tick -> {}
        }
        advance(now, effects);
        return transition(effects);
    }

    private Transition transition(List<RunEffect> effects) {
        var transition = new Transition(effects, changes);
        changes.clear();
        return transition;
    }

    /**
     * Whether a heartbeat would change the run (move a step's deadline); the coordinator stores only those, since
     * workers beat about once a second.
     */
    public boolean heeds(RunInput.Heartbeat heartbeat, Instant now) {
        Step step = steps.get(new StepKey(heartbeat.phase(), heartbeat.service()));
        return step != null
                && Deadlines.afterHeartbeat(phase(heartbeat.phase()), step, now).isPresent();
    }

    /** When the run next changes by itself (a retry pause or a wait ends, or a deadline passes), if it will. */
    public Optional<Instant> nextWakeAt() {
        return steps.byKey().values().stream()
                .map(Step::dueAt)
                .flatMap(Optional::stream)
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
        Step forward = steps.get(key);
        return Optional.ofNullable(forward != null ? forward : rollbacks.step(key));
    }

    /** A read-only picture of the run for people (status API, CLI). */
    public RunView view() {
        return RunView.of(this);
    }

    // ---- deciding what starts

    /** Starts what is ready, asks for approvals, and announces phases and the run that ended. */
    private void advance(Instant now, List<RunEffect> effects) {
        if (state == RunState.RUNNING) {
            new StepReports(this, now, effects).timeOutOverdueSteps();
        }
        if (state == RunState.RUNNING && !stopping) {
            new RunProgress(this, now, effects).advance();
        }
        new RunCompletion(this, now, effects).report();
    }

    /**
     * Whether what this service waits for in every phase this one depends on succeeded: its own step there; or, when
     * that phase runs only for other services, all of that phase's steps (so a phase limited to some services can
     * wait for one limited to others); or, for a phase with no steps at all, what that phase depends on.
     */
    boolean dependenciesSucceeded(PhaseDefinition phase, String service) {
        for (String dependency : phase.dependsOn()) {
            Step own = steps.get(dependency, service);
            if (own != null ? own.state() != StepState.SUCCEEDED : !othersSucceeded(dependency, service)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a step of this phase is ready as soon as the service's own steps in the phases it depends on succeeded,
     * so its readiness changes only with a step of its service.
     */
    boolean waitsOnlyForOwnSteps(PhaseDefinition phase) {
        return waitingOnOwnSteps.contains(phase.name());
    }

    /** For a phase that does not run for the service: all its steps succeeded, or, with none, what it waits for. */
    private boolean othersSucceeded(String dependency, String service) {
        int others = stepsOf(dependency).size();
        return others == 0
                ? dependenciesSucceeded(phase(dependency), service)
                : steps.count(dependency, StepState.SUCCEEDED) == others;
    }

    void finish(RunState outcome, Instant now, List<RunEffect> effects) {
        state = outcome;
        finishedAt = now;
        effects.add(new RunFinished(
                outcome,
                RunMetricsCalculator.of(plan, steps.byKey().values(), rollbacks),
                Duration.between(startedAt, now)));
    }

    // ---- used by the command rules and the step starts

    List<PhaseDefinition> forwardPhases() {
        return forwardPhases;
    }

    PhaseDefinition phase(String name) {
        return plan.phase(name).orElseThrow(() -> new IllegalStateException("no phase " + name + " in the plan"));
    }

    /**
     * Whether a worker was asked for this step and has not answered: a stopping run waits for it rather than lose
     * it, and a retry of its phase may re-issue it. A wait or a gate never awaits a worker.
     */
    boolean awaitsWorker(Step step) {
        return step.state() == StepState.STARTED
                && phase(step.key().phase()).action().performer() == Performer.WORKER;
    }

    /** The phase's steps in service order, as they are now (a read-only view that follows later changes). */
    List<Step> stepsOf(String phase) {
        return steps.ofPhase(phase);
    }

    /** Every forward step by key, read-only. */
    Map<StepKey, Step> steps() {
        return steps.byKey();
    }

    /** The forward steps with their counts by state and due times. */
    RunSteps runSteps() {
        return steps;
    }

    /** Who approved a forward phase (with the roles they signed off as), once every sign-off it needs is in. */
    public Optional<String> approvedBy(String phase) {
        PhaseRecord record = phases.get(phase);
        return record == null ? Optional.empty() : Optional.ofNullable(record.approvedBy);
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
        Step before = steps.replace(step);
        changes.add(new StepChange(before, step, phase(step.key().phase()).action()));
    }
}
