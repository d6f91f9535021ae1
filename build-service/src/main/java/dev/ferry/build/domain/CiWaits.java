package dev.ferry.build.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The build steps waiting for GitHub Actions runs. A run can finish before its step starts waiting (a fast workflow, a
 * slow planner), so finished runs nobody waited for are kept for a while and matched when the step arrives.
 */
public final class CiWaits<T> {

    private record SeenRun(WorkflowRun run, Instant seenAt) {}

    private final List<CiWait<T>> waiting = new ArrayList<>();
    private final List<SeenRun> unclaimed = new ArrayList<>();
    private final Duration keepUnclaimed;

    public CiWaits(Duration keepUnclaimed) {
        this.keepUnclaimed = keepUnclaimed;
    }

    /** Starts waiting; returns the run at once when it already finished. */
    public synchronized Optional<WorkflowRun> await(CiWait<T> wait) {
        for (Iterator<SeenRun> it = unclaimed.iterator(); it.hasNext(); ) {
            WorkflowRun run = it.next().run();
            if (run.answers(wait)) {
                it.remove();
                return Optional.of(run);
            }
        }
        waiting.add(wait);
        return Optional.empty();
    }

    /** Stops a wait answered another way; false when a run ended it first (and so answers it). */
    public synchronized boolean stopWaiting(CiWait<T> wait) {
        return waiting.remove(wait);
    }

    /** The waits this run ends (usually one); the run is kept for later if nobody waits for it yet. */
    public synchronized List<CiWait<T>> finished(WorkflowRun run, Instant now) {
        var ended = new ArrayList<CiWait<T>>();
        for (Iterator<CiWait<T>> it = waiting.iterator(); it.hasNext(); ) {
            CiWait<T> wait = it.next();
            if (run.answers(wait)) {
                it.remove();
                ended.add(wait);
            }
        }
        if (ended.isEmpty()) {
            unclaimed.add(new SeenRun(run, now));
        }
        return ended;
    }

    /** The waits whose deadline passed, no longer waiting; also forgets old unclaimed runs. */
    public synchronized List<CiWait<T>> expired(Instant now) {
        unclaimed.removeIf(seen -> seen.seenAt().plus(keepUnclaimed).isBefore(now));
        var expired = new ArrayList<CiWait<T>>();
        for (Iterator<CiWait<T>> it = waiting.iterator(); it.hasNext(); ) {
            CiWait<T> wait = it.next();
            if (!wait.deadline().isAfter(now)) {
                it.remove();
                expired.add(wait);
            }
        }
        return expired;
    }

    /** Whether a step with this identity already waits (a redelivered phase must not wait twice). */
    public synchronized boolean isWaiting(String repository, String commit, String workflow) {
        return waiting.stream()
                .anyMatch(w -> w.repository().equalsIgnoreCase(repository)
                        && w.commit().equals(commit)
                        && w.workflow().equals(workflow));
    }
}
