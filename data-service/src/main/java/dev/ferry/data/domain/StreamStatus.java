package dev.ferry.data.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a change stream stands: rows written to the target so far, whether the snapshot is copied, how far behind the
 * source the target was at the last measurement (time and rows), the source position reached, and why it stopped if
 * it failed.
 *
 * @param lag empty until the first measurement arrived
 */
public record StreamStatus(
        long rowsCopied,
        boolean snapshotDone,
        Optional<Duration> lag,
        long lagRows,
        String position,
        Optional<String> failure) {

    /** Whether the step may report success: the snapshot is copied and the last lag measured is within bounds. */
    public boolean caughtUp(Duration maxLag) {
        return snapshotDone
                && lag.filter(measured -> measured.compareTo(maxLag) <= 0).isPresent();
    }
}
