package dev.ferry.runtime;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepProgress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the planner a worker is still at a step: {@code step.progress} for it at a fixed interval while it runs. The
 * planner fails a step that passes its deadline with no result and no heartbeat in the last two minutes, so a worker
 * whose step may outlast its phase's timeout (a deploy following Argo CD) wraps the work in {@link #whileRunning}.
 */
public final class StepHeartbeats implements AutoCloseable {

    /** Well inside the planner's two-minute heartbeat window, so no silence is longer than half of it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StepHeartbeats.class);

    private final EventPublisher publisher;
    private final MetadataFactory metadata;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("step-heartbeats").unstarted(r));

    public StepHeartbeats(EventPublisher publisher, MetadataFactory metadata, Duration interval) {
        this.publisher = publisher;
        this.metadata = metadata;
        this.interval = interval;
    }

    /** Does the work, beating for the service's step of the phase until it returns or throws. */
    public <T> T whileRunning(PhaseStarted phase, String service, Supplier<T> work) {
        Beat beat = start(phase, service);
        try {
            return work.get();
        } finally {
            beat.close();
        }
    }

    /** Beats for the service's step of the phase until the returned beat is closed. */
    public Beat start(PhaseStarted phase, String service) {
        var beats = new AtomicLong();
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(
                () -> beat(phase, service, beats.incrementAndGet()),
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return () -> task.cancel(false);
    }

    private void beat(PhaseStarted phase, String service, long count) {
        var progress = StepProgress.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setUnit("heartbeats")
                .setCompletedUnits(count)
                .setMessage("still working")
                .build();
        // A lost heartbeat costs nothing but the next one; the step's own result is what must not be lost.
        publisher.publish(progress).exceptionally(failure -> {
            log.warn("event=heartbeat-not-sent phase={} service={} reason=\"{}\"", phase.getPhase(), service, failure);
            return null;
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The heartbeat of one step; closing it stops the beating. */
    @FunctionalInterface
    public interface Beat extends AutoCloseable {
        @Override
        void close();
    }
}
