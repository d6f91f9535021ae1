package dev.ferry.notifier.dispatch;

import dev.ferry.notifier.domain.RunState;
import dev.ferry.notifier.domain.RunStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run states in memory, standing in for the compacted topic in unit tests. */
final class MemoryStore implements RunStore {

    final Map<String, RunState> saved = new LinkedHashMap<>();

    @Override
    public Collection<RunState> loadAll() {
        return List.copyOf(saved.values());
    }

    @Override
    public void save(RunState state) {
        saved.put(state.migrationId(), state);
    }
}
