package dev.ferry.build.domain.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Where the news that a GitHub Actions run completed (a {@code workflow_run} delivery) reaches the runner following
 * it, so a job ends when GitHub says so rather than at its next poll. A run is known by its repository and its title,
 * which a run Ferry dispatched takes from its job's name. News of a run nobody follows is dropped: the runner asks
 * GitHub for the run's state in any case, the news only wakes it sooner.
 */
public final class WorkflowRunSignals {

    private record Key(String repository, String title) {
        static Key of(String repository, String title) {
            return new Key(repository.toLowerCase(Locale.ROOT), title);
        }
    }

    private final Map<Key, List<Watch>> watches = new HashMap<>();

    /** Starts watching for the end of the run titled {@code title} in {@code repository} ({@code owner/name}). */
    public synchronized Watch watch(String repository, String title) {
        var watch = new Watch(Key.of(repository, title));
        watches.computeIfAbsent(watch.key, key -> new ArrayList<>()).add(watch);
        return watch;
    }

    /** A run completed: wakes whoever watches it; true when someone did. */
    public synchronized boolean completed(String repository, String title) {
        List<Watch> woken = watches.getOrDefault(Key.of(repository, title), List.of());
        woken.forEach(watch -> watch.news.release());
        return !woken.isEmpty();
    }

    private synchronized void stop(Watch watch) {
        List<Watch> same = watches.get(watch.key);
        if (same != null && same.remove(watch) && same.isEmpty()) {
            watches.remove(watch.key);
        }
    }

    /** One runner's watch over one run; close it when the runner stops following. */
    public final class Watch implements AutoCloseable {

        private final Key key;
        private final Semaphore news = new Semaphore(0);

        private Watch(Key key) {
            this.key = key;
        }

        /** Waits at most {@code timeout} for news that the run completed; true when it came (each news counts once). */
        public boolean awaitNews(Duration timeout) throws InterruptedException {
            return news.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            stop(this);
        }
    }
}
