package dev.ferry.notifier.dispatch;

import dev.ferry.notifier.domain.MigrationEvent;
import dev.ferry.notifier.domain.Notifier;
import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The runs' states in memory, written through to the {@link RunStore} on every change. The event listener and the
 * courier both change states; each change is one short synchronized step, and no sink is called while holding it.
 */
public final class RunLedger {

    private final Notifier notifier;
    private final RunStore store;
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private final Set<String> uncertain = new HashSet<>();
    private boolean loaded;

    public RunLedger(Notifier notifier, RunStore store) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Reads every saved run; runs with messages still to post may have been interrupted mid-post. */
    public synchronized void load() {
        runs.clear();
        for (RunState state : store.loadAll()) {
            runs.put(state.migrationId(), state);
            String inFlight = StepKeys.of(state.migrationId(), state.next());
            if (inFlight != null) {
                uncertain.add(inFlight);
            }
        }
        loaded = true;
        notifyAll();
    }

    /**
     * Takes an event in and saves the result before returning, so the caller may acknowledge the event afterwards.
     *
     * @return false when the event had been taken in before
     */
    public synchronized boolean accept(MigrationEvent event) {
        awaitLoaded();
        String id = event.ref().migrationId();
        RunState before = runs.getOrDefault(id, RunState.start(id));
        RunState after = notifier.accept(before, event);
        if (after == before) {
            return false;
        }
        store.save(after);
        runs.put(id, after);
        notifyAll();
        return true;
    }

    public synchronized RunState update(String migrationId, UnaryOperator<RunState> change) {
        RunState after = change.apply(runs.get(migrationId));
        store.save(after);
        runs.put(migrationId, after);
        return after;
    }

    public synchronized RunState get(String migrationId) {
        return runs.get(migrationId);
    }

    /** Runs with something left to post, oldest first. */
    public synchronized List<String> runsWithWork() {
        return runs.values().stream()
                .filter(RunState::hasWork)
                .map(RunState::migrationId)
                .toList();
    }

    /**
     * True when a step (see {@link StepKeys}) may already have happened without being saved: the first step of each run
     * after a restart, or a step whose save failed. Cleared once the step is saved.
     */
    public synchronized boolean isUncertain(String stepKey) {
        return stepKey != null && uncertain.contains(stepKey);
    }

    public synchronized void markUncertain(String stepKey) {
        if (stepKey != null) {
            uncertain.add(stepKey);
        }
    }

    public synchronized void clearUncertain(String stepKey) {
        uncertain.remove(stepKey);
    }

    /** Waits until there may be new work, or the timeout passes. */
    public synchronized void awaitWork(long timeoutMillis) throws InterruptedException {
        if (runsWithWork().isEmpty()) {
            wait(timeoutMillis);
        }
    }

    private void awaitLoaded() {
        while (!loaded) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the notifier's state was loading", e);
            }
        }
    }
}
