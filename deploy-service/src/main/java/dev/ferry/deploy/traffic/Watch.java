package dev.ferry.deploy.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps count of a held weight's evaluations: how many rounds failed in a row (a round fails when any query fails),
 * and since when Prometheus has been unreachable. Only a passing round lets the shift advance.
 */
final class Watch {

    /** What the last round means for the shift. */
    enum Next {
        GO_ON,
        TOO_MANY_FAILURES,
        UNREACHABLE_TOO_LONG
    }

    private final int failuresAllowed;
    private final Duration unreachableLimit;
    private final List<Evaluation> failedInARow = new ArrayList<>();
    private int failedRounds;
    private Optional<Instant> unreachableSince = Optional.empty();
    private boolean lastRoundPassed = true;

    Watch(int failuresAllowed, Duration unreachableLimit) {
        this.failuresAllowed = failuresAllowed;
        this.unreachableLimit = unreachableLimit;
    }

    Next record(List<Evaluation> round) {
        if (round.stream().anyMatch(e -> e.verdict() == Evaluation.Verdict.FAIL)) {
            lastRoundPassed = false;
            unreachableSince = Optional.empty();
            failedRounds++;
            failedInARow.addAll(round);
            return failedRounds > failuresAllowed ? Next.TOO_MANY_FAILURES : Next.GO_ON;
        }
        if (round.stream().anyMatch(e -> e.verdict() == Evaluation.Verdict.UNREACHABLE)) {
            // Neither a pass nor a failure: the count of failures in a row stands, and the shift cannot advance.
            lastRoundPassed = false;
            Instant at = round.getLast().at();
            unreachableSince = unreachableSince.or(() -> Optional.of(at));
            return Duration.between(unreachableSince.get(), at).compareTo(unreachableLimit) > 0
                    ? Next.UNREACHABLE_TOO_LONG
                    : Next.GO_ON;
        }
        lastRoundPassed = true;
        unreachableSince = Optional.empty();
        failedRounds = 0;
        failedInARow.clear();
        return Next.GO_ON;
    }

    /** Whether the last round passed (or none was needed). */
    boolean mayAdvance() {
        return lastRoundPassed;
    }

    List<Evaluation> failedInARow() {
        return List.copyOf(failedInARow);
    }
}
