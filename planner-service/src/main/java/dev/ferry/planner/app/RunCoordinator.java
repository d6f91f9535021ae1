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
        if (!store.create(stored, cause.eventId(), messages, audit(header.id(), "start", cause, null))) {
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
            String refusal = refusal(transition);
            List<CommandAudit> audit = input instanceof RunInput.Command command
                    ? audit(run.id(), command.name(), cause, refusal)
                    : List.of();
            if (!store.append(
                    run.id(), entry, messages, run.state(), run.finishedAt().orElse(null), audit)) {
                runs.remove(run.id());
                return Handling.DUPLICATE;
            }
            loaded.nextSequence++;
            observer.changed(run.id(), run::view, transition);
            return refusal != null ? Handling.REJECTED : Handling.APPLIED;
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

    /**
     * Brings this planner's runs in line with the database another planner may share: a run started elsewhere is
     * loaded, so its timers run here too (a planner that dies leaves its runs to the others), and a run another
     * planner changed since it was loaded is rebuilt from its journal. Without this, a stale run would still be
     * corrected by its next write (the journal's key refuses a second entry at the same sequence), but its timers
     * would run on old state until then.
     */
    public void catchUp() {
        batches.write(() -> {
            store.unfinishedRunSequences().forEach((id, sequence) -> {
                synchronized (runs.lock(id)) {
                    boolean stale = runs.cached(id)
                            .map(loaded -> loaded.nextSequence != sequence + 1)
                            .orElse(true);
                    if (stale) {
                        runs.remove(id);
                        runs.loaded(id);
                    }
                }
            });
            return null;
        });
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
        store.handledAlone(
                cause.eventId(),
                List.of(encoder.rejection(migrationId, command, reason, cause)),
                audit(migrationId, command, cause, reason));
        return Handling.REJECTED;
    }

    /**
     * The audit line of a command a person (or a webhook's sender) issued; none for what the planner does itself.
     *
     * @param refusal why it was refused; null when applied
     */
    private List<CommandAudit> audit(String migrationId, String command, Cause cause, String refusal) {
        if (cause.issuedBy() == null || "planner".equals(cause.issuedBy().channel())) {
            return List.of();
        }
        return List.of(new CommandAudit(
                migrationId,
                cause.eventId(),
                command,
                cause.issuedBy().name() + " (" + cause.issuedBy().channel() + ")",
                cause.issuedBy().roles(),
                refusal == null,
                refusal,
                now()));
    }

    private static String refusal(Transition transition) {
        return transition.effects().stream()
                .filter(effect -> effect instanceof RunEffect.CommandRefused)
                .map(effect -> ((RunEffect.CommandRefused) effect).reason())
                .findFirst()
                .orElse(null);
    }

    /**
     * Publishes a command an authenticated caller sent over HTTP, through the outbox like every event of the planner:
     * it reaches the run the way commands from the CLI do, and is judged there.
     *
     * @param requestId the HTTP request's own id, so that the same request stored twice publishes once
     */
    public void relay(String requestId, OutboxMessage command) {
        batches.write(() -> store.handledAlone(requestId, List.of(command), List.of()));
    }

    /** The audit log of a run's commands, oldest first. */
    public List<CommandAudit> audit(String migrationId) {
        return store.audit(migrationId);
    }
}
