package dev.ferry.planner.app;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.planner.app.LoadedRuns.LoadedRun;
import dev.ferry.planner.app.RunHeader.DeliveryOrigin;
import dev.ferry.planner.domain.run.ContinuousDelivery;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.RunState;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies commands and worker reports to runs: one run at a time under its own lock, the state change and the events
 * it causes stored together, each event id handled once. Runs are kept in memory and rebuilt from their journal after
 * a restart or a failed write.
 */
public final class RunCoordinator {

    /** What became of one command or event. */
    public enum Handling {
        APPLIED,
        DUPLICATE,
        REJECTED,
        /** A worker's report for a run this planner does not know; nothing to do. */
        UNKNOWN_RUN,
        /** A report that changes nothing worth storing (a heartbeat that moves no deadline, the planner's own event). */
        IGNORED
    }

    private final RunStore store;
    private final PlanDocuments plans;
    private final EffectEncoder encoder;
    private final RunObserver observer;
    private final Clock clock;
    private final LoadedRuns runs;
    private final WriteBatches batches = new WriteBatches();

    public RunCoordinator(
            RunStore store, PlanDocuments plans, EffectEncoder encoder, RunObserver observer, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.encoder = encoder;
        this.observer = observer;
        this.clock = clock;
        this.runs = new LoadedRuns(store, plans);
    }

    /** A new run of a plan, or a rejection saying why it cannot start. */
    public Handling start(
            String migrationId, String planName, String document, Map<String, String> parameters, Cause cause) {
        return batches.write(() -> startAlone(migrationId, planName, document, parameters, cause));
    }

    private Handling startAlone(
            String migrationId, String planName, String document, Map<String, String> parameters, Cause cause) {
        synchronized (runs.lock(migrationId)) {
            if (store.handled(cause.eventId())) {
                return Handling.DUPLICATE;
            }
            if (runs.loaded(migrationId).isPresent()) {
                return reject(migrationId, "start", "a run with id " + migrationId + " already exists", cause);
            }
            MigrationPlan plan;
            try {
                plan = plans.read(planName, document);
            } catch (IllegalArgumentException invalid) {
                return reject(migrationId, "start", invalid.getMessage(), cause);
            }
            var header =
                    new RunHeader(migrationId, plan.name(), document, parameters, null, RunState.RUNNING, now(), null);
            return begin(header, plan, cause);
        }
    }

    /**
     * Continuous delivery after a migration: a push to a service repository that the finished run created starts
     * that service's build and its deploy to the first environment, as a run of its own.
     */
    public Handling deliver(String deliveryRunId, DeliveryOrigin origin, Cause cause) {
        return batches.write(() -> deliverAlone(deliveryRunId, origin, cause));
    }

    private Handling deliverAlone(String deliveryRunId, DeliveryOrigin origin, Cause cause) {
        synchronized (runs.lock(deliveryRunId)) {
            if (store.handled(cause.eventId())) {
                return Handling.DUPLICATE;
            }
            Optional<LoadedRun> parent = runs.loaded(origin.migrationId());
            if (parent.isEmpty()) {
                return Handling.UNKNOWN_RUN;
            }
            RunHeader parentHeader = parent.get().header;
            MigrationPlan plan = ContinuousDelivery.planFor(parent.get().run.plan(), origin.service());
            var header = new RunHeader(
                    deliveryRunId,
                    plan.name(),
                    parentHeader.planDocument(),
                    Map.of("sourceCommit", origin.commit()),
                    origin,
                    RunState.RUNNING,
                    now(),
                    null);
            return begin(header, plan, cause);
        }
    }

    private Handling begin(RunHeader header, MigrationPlan plan, Cause cause) {
        MigrationRun.Started started = MigrationRun.start(header.id(), plan, header.startedAt());
        var messages = encoder.encode(
                started.run(), header.parameters(), started.transition().effects(), cause);
        RunHeader stored =
                header.at(started.run().state(), started.run().finishedAt().orElse(null));
        batches.changed(header.id());
        if (!store.create(stored, cause.eventId(), messages)) {
            return Handling.DUPLICATE;
        }
        runs.put(new LoadedRun(stored, started.run(), 1));
        observer.changed(header.id(), started.run()::view, started.transition());
        return Handling.APPLIED;
    }

    /**
     * Refuses a command before it reaches a run (its issuer could not be verified, or may not do this): announced on
     * {@code command.rejected} with the reason, once per command.
     */
    public Handling refuse(String migrationId, String command, String reason, Cause cause) {
        return batches.write(() -> {
            synchronized (runs.lock(migrationId)) {
                return store.handled(cause.eventId())
                        ? Handling.DUPLICATE
                        : reject(migrationId, command, reason, cause);
            }
        });
    }

    /** Applies a command or a worker's report to its run. */
    public Handling handle(String migrationId, RunInput input, Cause cause) {
        return batches.write(() -> handleAlone(migrationId, input, cause));
    }

    /**
     * Handles a poll of events in one transaction: {@code work} calls {@link #start} and {@link #handle} for each of
     * {@code eventIds}. When the transaction fails, the runs it changed are rebuilt from their journal next time.
     */
    public <T> T inOneTransaction(Collection<String> eventIds, Supplier<T> work) {
        return batches.batch(work, batch -> store.inOneTransaction(eventIds, batch), runs::remove);
    }

    private Handling handleAlone(String migrationId, RunInput input, Cause cause) {
        synchronized (runs.lock(migrationId)) {
            // Workers beat about once a second: most heartbeats are dropped here, before any query.
            if (input instanceof RunInput.Heartbeat heartbeat && !heeded(migrationId, heartbeat)) {
                return Handling.IGNORED;
            }
            if (store.handled(cause.eventId())) {
                return Handling.DUPLICATE;
            }
            Optional<LoadedRun> loaded = runs.loaded(migrationId);
            if (loaded.isEmpty()) {
                return input instanceof RunInput.Command command
                        ? reject(migrationId, command.name(), "there is no run with id " + migrationId, cause)
                        : Handling.UNKNOWN_RUN;
            }
            return apply(loaded.get(), input, cause);
        }
    }

    private boolean heeded(String migrationId, RunInput.Heartbeat heartbeat) {
        return runs.loaded(migrationId)
                .map(loaded -> loaded.run.heeds(heartbeat, now()))
                .orElse(false);
    }

    private Handling apply(LoadedRun loaded, RunInput input, Cause cause) {
        Instant now = now();
        MigrationRun run = loaded.run;
        batches.changed(run.id());
        try {
            Transition transition = run.handle(input, now);
            var messages = encoder.encode(run, loaded.header.parameters(), transition.effects(), cause);
            var entry = new JournalEntry(loaded.nextSequence, cause.eventId(), input, now);
            if (!store.append(
                    run.id(), entry, messages, run.state(), run.finishedAt().orElse(null))) {
                runs.remove(run.id());
                return Handling.DUPLICATE;
            }
            loaded.nextSequence++;
            observer.changed(run.id(), run::view, transition);
            boolean refused =
                    transition.effects().stream().anyMatch(effect -> effect instanceof RunEffect.CommandRefused);
            return refused ? Handling.REJECTED : Handling.APPLIED;
        } catch (RuntimeException failure) {
            // The in-memory run may hold a change that was never stored: rebuild it from the journal next time.
            runs.remove(run.id());
            throw failure;
        }
    }

    /** Starts again the steps whose retry pause is over, in every run that has one. */
    public void tick() {
        Instant now = now();
        for (LoadedRun loaded : runs.all()) {
            boolean due = loaded.run.state() == RunState.RUNNING
                    && loaded.run.nextWakeAt().filter(at -> !at.isAfter(now)).isPresent();
            if (due) {
                handle(
                        loaded.run.id(),
                        new RunInput.Tick(),
                        Cause.internal(UUID.randomUUID().toString()));
            }
        }
    }

    /** Loads the runs that have not ended, so their retry timers run after a restart. */
    public void recover() {
        store.headers().stream()
                .filter(header -> !header.state().isFinal())
                .forEach(header -> runs.loaded(header.id()));
    }

    public Optional<RunView> view(String migrationId) {
        synchronized (runs.lock(migrationId)) {
            return runs.loaded(migrationId).map(loaded -> loaded.run.view());
        }
    }

    /** Every run's header, newest first. */
    public List<RunHeader> headers() {
        return store.headers();
    }

    /** The finished run that created a service repository, for continuous delivery. */
    public Optional<MigrationRun> run(String migrationId) {
        synchronized (runs.lock(migrationId)) {
            return runs.loaded(migrationId).map(loaded -> loaded.run);
        }
    }

    /**
     * The journal keeps instants to the millisecond (PostgreSQL rounds to microseconds), and a rebuilt run must
     * reach the same state, a wait's end included, from the recorded instants: so a run only ever sees whole ms.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Handling reject(String migrationId, String command, String reason, Cause cause) {
        store.handledAlone(cause.eventId(), List.of(encoder.rejection(migrationId, command, reason, cause)));
        return Handling.REJECTED;
    }
}
