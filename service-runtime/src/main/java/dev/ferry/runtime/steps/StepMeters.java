package dev.ferry.runtime.steps;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A worker's steps as an operator watches them on {@code /actuator/prometheus}: {@code ferry_worker_step_seconds} from
 * the request's arrival to its answer, by action and outcome, and the image bytes the worker pushed. The planner has
 * its own view of the same steps; this one says where the time went when a worker is slow or failing.
 */
public final class StepMeters {

    /** Requests never answered (their worker crashed, or another replica answered) are forgotten past this many. */
    private static final int REMEMBERED = 10_000;

    private record Start(String action, long nanos) {}

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Counter imageBytes;
    private final Map<StepRef, Start> started = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StepRef, Start> eldest) {
            return size() > REMEMBERED;
        }
    };

    public StepMeters(MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.imageBytes = Counter.builder("ferry.worker.image.pushed.bytes")
                .description("bytes of image layers this worker uploaded to registries (layers already there excluded)")
                .baseUnit("bytes")
                .register(registry);
    }

    /** A request arrived: each of its services' steps starts now. */
    public void requested(PhaseStarted request) {
        String action = request.getAction().name().toLowerCase(Locale.ROOT).replace('_', '-');
        long now = nanoTime.getAsLong();
        synchronized (started) {
            for (ServiceWork work : request.getServices()) {
                started.put(
                        new StepRef(request.getMetadata().getMigrationId(), request.getPhase(), work.getService()),
                        new Start(action, now));
            }
        }
    }

    /** Starts the steps of each request a listener is handed (after admission: a superseded attempt never starts). */
    public RecordInterceptor<String, SpecificRecord> onRequests() {
        return (record, consumer) -> {
            if (record.value() instanceof PhaseStarted request) {
                requested(request);
            }
            return record;
        };
    }

    /** A record reached the broker: a step's answer ends the step's time. */
    public void published(SpecificRecord record) {
        if (record instanceof ImagePushed pushed) {
            imageBytes.increment(pushed.getBytesUploaded());
        }
        StepAnswer.in(record).ifPresent(answer -> {
            Start start;
            synchronized (started) {
                start = started.remove(answer.step());
            }
            if (start != null) {
                Timer.builder("ferry.worker.step")
                        .description("a step from its request's arrival at this worker to its answer on the broker")
                        .tag("action", start.action())
                        .tag("outcome", answer.failed() ? "failed" : "succeeded")
                        .register(registry)
                        .record(Duration.ofNanos(nanoTime.getAsLong() - start.nanos()));
            }
        });
    }
}
