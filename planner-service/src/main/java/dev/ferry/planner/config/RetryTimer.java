package dev.ferry.planner.config;

import dev.ferry.planner.app.RunCoordinator;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Wakes runs whose retry pauses are over, and every few seconds catches up with runs another planner sharing the
 * database started or changed; a failed tick is logged and tried again at the next one.
 */
final class RetryTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetryTimer.class);

    private final RunCoordinator coordinator;
    private final Duration interval;
    private final Duration catchUpInterval;
    private ScheduledExecutorService executor;

    RetryTimer(RunCoordinator coordinator, Duration interval, Duration catchUpInterval) {
        this.coordinator = coordinator;
        this.interval = interval;
        this.catchUpInterval = catchUpInterval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "planner-retry-timer"));
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(
                this::catchUp, catchUpInterval.toMillis(), catchUpInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void catchUp() {
        try {
            coordinator.catchUp();
        } catch (RuntimeException e) {
            log.warn("event=run-catch-up-failed reason=\"{}\"", e.getMessage());
        }
    }

    private void tick() {
        try {
            coordinator.tick();
        } catch (RuntimeException e) {
            log.warn("event=retry-timer-failed reason=\"{}\"", e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
