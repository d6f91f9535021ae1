package dev.ferry.data.debezium;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The points of a stream someone waits for: lag markers (written into the source's log with the time and the rows
 * applied when they were written) and holds (a point where the stream stops until released). Each is taken once.
 */
final class Waypoints {

    /** A lag marker as it was written: when, and how many rows the target had applied then. */
    record LagMarker(long emittedMillis, long rowsApplied) {}

    private final Map<String, LagMarker> lagMarkers = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    void expectLagMarker(String content, LagMarker marker) {
        lagMarkers.put(content, marker);
    }

    void expectHold(Hold hold) {
        holds.put(hold.token(), hold);
    }

    /** The lag marker with this content, taken. */
    Optional<LagMarker> takeLagMarker(String content) {
        return Optional.ofNullable(lagMarkers.remove(content));
    }

    /** The hold whose marker this is, taken. */
    Optional<Hold> takeHold(String content) {
        return Optional.ofNullable(holds.remove(content));
    }

    /** A pending hold whose snapshot does not see this transaction, taken: the stream holds before its change. */
    Optional<Hold> takeHoldBefore(Long sequence) {
        for (Hold hold : holds.values()) {
            if (hold.isAfter(sequence) && holds.remove(hold.token(), hold)) {
                return Optional.of(hold);
            }
        }
        return Optional.empty();
    }

    /** Releases every pending hold: the stream is closing and nobody waits at them any more. */
    void releaseAll() {
        holds.values().forEach(Hold::close);
    }
}
