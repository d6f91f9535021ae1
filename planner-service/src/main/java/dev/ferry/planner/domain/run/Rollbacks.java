package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunMetrics.RollbackTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rollback steps, which run only on command: one current step per service and environment (named after the plan's
 * rollback phase for that environment, or {@code rollback-<env>}), the undo steps of the service's data phases
 * ({@link DataUndos}), and the time every finished rollback took. Rollbacks are not retried: the person who asked for
 * one decides what comes next.
 */
final class Rollbacks {
    private final MigrationPlan plan;
    private final Map<StepKey, Step> current = new LinkedHashMap<>();
    private final Map<StepKey, String> environments = new LinkedHashMap<>();
    /** The action of an undo step of a data phase; the environment's rollback steps run {@link #actionFor}. */
    private final Map<StepKey, Action> undoActions = new LinkedHashMap<>();

    private final Map<String, List<RollbackTime>> times = new LinkedHashMap<>();
    private final Consumer<StepChange> changes;

    /** @param changes told of every change of a rollback step */
    Rollbacks(MigrationPlan plan, Consumer<StepChange> changes) {
        this.plan = plan;
        this.changes = changes;
    }

    /** The phase a rollback in this environment runs as. */
    String phaseFor(String environment) {
        return rollbackPhase(environment).map(PhaseDefinition::name).orElse("rollback-" + environment);
    }

    Step step(StepKey key) {
        return current.get(key);
    }

    boolean running(String service, String environment) {
        Step step = current.get(new StepKey(phaseFor(environment), service));
        return step != null && step.state() == StepState.STARTED;
    }

    Step start(String service, String environment, Instant now) {
        StepKey key = new StepKey(phaseFor(environment), service);
        Step started = current.getOrDefault(key, Step.pending(key)).started(now);
        environments.put(key, environment);
        put(started);
        return started;
    }

    /** Starts the undo step {@code phase} of a data phase of the service, running {@code action}. */
    Step startUndo(String phase, String service, String environment, Action action, Instant now) {
        StepKey key = new StepKey(phase, service);
        Step started = current.getOrDefault(key, Step.pending(key)).started(now);
        environments.put(key, environment);
        undoActions.put(key, action);
        put(started);
        return started;
    }

    /** The action a rollback step runs. */
    Action actionOf(StepKey key) {
        return undoActions.getOrDefault(key, actionFor(environments.get(key)));
    }

    /** Whether the step is the environment's rollback (a tag or traffic), not a data phase's undo. */
    boolean restoresEnvironment(StepKey key) {
        return !undoActions.containsKey(key);
    }

    /** The action a rollback in this environment runs: the plan's rollback phase's, else the catalogue's. */
    Action actionFor(String environment) {
        return rollbackPhase(environment).map(PhaseDefinition::action).orElse(Actions.ROLLBACK);
    }

    /** The plan's on-demand phase for this environment, if it has one. */
    private Optional<PhaseDefinition> rollbackPhase(String environment) {
        return plan.phases().stream()
                .filter(p -> !p.action().runsForward() && environment.equals(p.environment()))
                .findFirst();
    }

    /** Records a successful rollback and returns the environment it restored (none for a restore after a failure). */
    Optional<String> succeeded(StepKey key, StepResult result, Instant now) {
        Step step = current.get(key);
        if (step == null || step.state() != StepState.STARTED) {
            return Optional.empty();
        }
        put(step.succeeded(result, now));
        if (restoresEnvironment(key)) {
            // The metric is how long an environment took to run its earlier version again; data undos come after.
            times.computeIfAbsent(key.service(), s -> new ArrayList<>())
                    .add(new RollbackTime(environments.get(key), Duration.between(step.startedAt(), now)));
        }
        return Optional.ofNullable(environments.get(key));
    }

    /**
     * A rollback the worker did by itself when its step failed (a deploy's {@code onFailure: rollback}, a traffic shift
     * set back to 0 %): no rollback step of the planner's, but the environment ran its earlier version again after it.
     */
    void undoneByWorker(String service, String environment, Duration took) {
        times.computeIfAbsent(service, s -> new ArrayList<>()).add(new RollbackTime(environment, took));
    }

    void failed(StepKey key, String reason, Instant now) {
        Step step = current.get(key);
        if (step != null && step.state() == StepState.STARTED) {
            put(step.failed(reason, now));
        }
    }

    private void put(Step step) {
        Step before = current.put(step.key(), step);
        changes.accept(new StepChange(before, step, actionOf(step.key())));
    }

    List<Step> steps() {
        return List.copyOf(current.values());
    }

    String environmentOf(StepKey key) {
        return environments.get(key);
    }

    List<RollbackTime> timesOf(String service) {
        return times.getOrDefault(service, List.of());
    }
}
