package dev.ferry.runtime;

import dev.ferry.contracts.avro.PhaseStarted;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A handler of {@code phase.started} for tests: keeps what it handled, and fails on the plan named "explode". */
final class PhaseRecorder {

    final List<PhaseStarted> received = new CopyOnWriteArrayList<>();
    private final List<String> attemptedKeys = new CopyOnWriteArrayList<>();

    void on(PhaseStarted phase) {
        attemptedKeys.add(phase.getMetadata().getMigrationId());
        if (phase.getPlanName().equals("explode")) {
            throw new IllegalStateException("cannot handle plan explode");
        }
        received.add(phase);
    }

    long attempts(String key) {
        return attemptedKeys.stream().filter(key::equals).count();
    }
}
