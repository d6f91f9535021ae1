package dev.ferry.notifier.domain;

import java.util.Collection;

/** Keeps every run's state durably; a state is saved before the event it took in is acknowledged. */
public interface RunStore {

    /** Every run's latest state, as saved. */
    Collection<RunState> loadAll();

    /** Saves a run's state; returns only once it is durable. */
    void save(RunState state);
}
