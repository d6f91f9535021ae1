package dev.ferry.planner.config;

import dev.ferry.planner.outbox.OutboxRelay;
import dev.ferry.planner.persistence.JdbcRunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the outbox, the handled event ids and the GitHub deliveries from growing for ever: rows older than the
 * retention go, and outbox rows only once the relay has published them. A failed pruning is tried at the next one.
 */
final class Pruning implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pruning.class);

    private final JdbcRunStore store;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private ScheduledExecutorService executor;

    Pruning(JdbcRunStore store, OutboxRelay relay, Clock clock, Duration retention) {
        this.store = store;
        this.relay = relay;
        this.clock = clock;
        this.retention = retention;
        // Often enough that a table holds little more than the retention's worth, rarely enough to cost nothing.
        this.interval = retention.dividedBy(24).compareTo(Duration.ofMinutes(10)) < 0
                ? retention.dividedBy(24)
                : Duration.ofMinutes(10);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "planner-pruning"));
        executor.scheduleWithFixedDelay(this::prune, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void prune() {
        try {
            JdbcRunStore.Pruned pruned =
                    store.prune(relay.status().published(), clock.instant().minus(retention));
            if (pruned.outboxRows() + pruned.handledEvents() + pruned.deliveries() > 0) {
                log.info(
                        "event=pruned outbox_rows={} handled_events={} deliveries={} older_than={}",
                        pruned.outboxRows(),
                        pruned.handledEvents(),
                        pruned.deliveries(),
                        retention);
            }
        } catch (RuntimeException e) {
            log.warn("event=pruning-failed reason=\"{}\"", e.getMessage());
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
