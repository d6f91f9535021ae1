package dev.ferry.build.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which (phase event, service) pairs were answered, so a {@code phase.started} that Kafka delivers again is
 * not built and reported twice. Kept in memory and bounded: after a restart a redelivered event is built again, which
 * is harmless because the build is reproducible (same digest, nothing uploaded) and the tag check lets the identical
 * image through.
 */
final class HandledWork {

    private final Set<String> handled;

    HandledWork(int capacity) {
        this.handled = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    boolean wasHandled(String eventId, String service) {
        return handled.contains(eventId + "/" + service);
    }

    void markHandled(String eventId, String service) {
        handled.add(eventId + "/" + service);
    }
}
