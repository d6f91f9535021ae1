package dev.ferry.planner.app;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.planner.app.RunStore.StoredRun;
import dev.ferry.planner.domain.run.ContinuousDelivery;
import dev.ferry.planner.domain.run.MigrationRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this planner holds in memory, each rebuilt from its journal when first asked for (after a restart, or
 * after a write failed and the in-memory run was dropped). Callers hold the run's lock.
 */
final class LoadedRuns {
    private final RunStore store;
    private final PlanDocuments plans;
    private final Map<String, LoadedRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    LoadedRuns(RunStore store, PlanDocuments plans) {
        this.store = store;
        this.plans = plans;
    }

    Optional<LoadedRun> loaded(String migrationId) {
        LoadedRun cached = runs.get(migrationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<LoadedRun> rebuilt = store.load(migrationId).map(this::replay);
        rebuilt.ifPresent(this::put);
        return rebuilt;
    }

    /** The run if this planner holds it in memory now; never loads. */
    Optional<LoadedRun> cached(String migrationId) {
        return Optional.ofNullable(runs.get(migrationId));
    }

    /** The monitor one run's changes and reads hold, so each run changes one input at a time. */
    Object lock(String migrationId) {
        return locks.computeIfAbsent(migrationId, id -> new Object());
    }

    void put(LoadedRun run) {
        runs.put(run.header.id(), run);
    }

    void remove(String migrationId) {
        runs.remove(migrationId);
    }

    List<LoadedRun> all() {
        return List.copyOf(runs.values());
    }

    /** Rebuilds a run by handling its journal again at the recorded instants; the effects were published already. */
    private LoadedRun replay(StoredRun stored) {
        RunHeader header = stored.header();
        MigrationPlan plan = plans.readStarted(header.planName(), header.planDocument());
        if (header.origin() != null) {
            plan = ContinuousDelivery.planFor(plan, header.origin().service());
        }
        MigrationRun run =
                MigrationRun.start(header.id(), plan, header.startedAt()).run();
        for (JournalEntry entry : stored.journal()) {
            run.handle(entry.input(), entry.at());
        }
        return new LoadedRun(header, run, stored.journal().size() + 1);
    }

    /** A run with its header and the sequence number its next journal entry gets. */
    static final class LoadedRun {
        final RunHeader header;
        final MigrationRun run;
        int nextSequence;

        LoadedRun(RunHeader header, MigrationRun run, int nextSequence) {
            this.header = header;
            this.run = run;
            this.nextSequence = nextSequence;
        }
    }
}
