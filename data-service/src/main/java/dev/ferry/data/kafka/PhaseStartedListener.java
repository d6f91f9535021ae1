package dev.ferry.data.kafka;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepSuccesses;
import dev.ferry.runtime.StreamBindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acts on {@code phase.started} records of the data actions (migrate-data, verify-data, cutover-data, rollback-data):
 * every service's step runs at once and answers {@code step.succeeded} or {@code step.failed}. The record's offset is
 * committed once every answer is on the broker; a redelivered record runs its steps again, which find what the first
 * run did (the step record, the running stream) and change nothing.
 */
@Component(StreamBindings.PHASE_STARTED)
class PhaseStartedListener implements Consumer<PhaseStarted> {

    private static final Logger log = LoggerFactory.getLogger(PhaseStartedListener.class);

    private final DataSteps steps;
    private final EventPublisher publisher;
    private final StepSuccesses successes;
    private final StepAnswers answers;
    private final ExecutorService executor;
    private final Clock clock;

    PhaseStartedListener(
            DataSteps steps,
            EventPublisher publisher,
            StepSuccesses successes,
            StepAnswers answers,
            ExecutorService dataExecutor,
            Clock clock) {
        this.steps = steps;
        this.publisher = publisher;
        this.successes = successes;
        this.answers = answers;
        this.executor = dataExecutor;
        this.clock = clock;
    }

    @Override
    public void accept(PhaseStarted phase) {
        if (!DataSteps.ACTIONS.contains(phase.getAction())) {
            return;
        }
        var answered = new ArrayList<CompletableFuture<Void>>();
        for (ServiceWork work : phase.getServices()) {
            answered.add(CompletableFuture.supplyAsync(() -> run(phase, work.getService()), executor)
                    .thenCompose(publisher::publish));
        }
        // Waiting keeps the offset uncommitted until every answer is on the broker.
        CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).join();
    }

    private SpecificRecord run(PhaseStarted phase, String service) {
        Instant started = clock.instant();
        try {
            Map<String, String> outputs = steps.run(phase, service);
            log.info(
                    "event=step-succeeded action={} phase={} service={} outputs={}",
                    phase.getAction(),
                    phase.getPhase(),
                    service,
                    outputs);
            return successes.of(phase, service, outputs, Duration.between(started, clock.instant()));
        } catch (DataStepFailure failure) {
            log.warn(
                    "event=step-failed action={} phase={} service={} kind={} reason=\"{}\"",
                    phase.getAction(),
                    phase.getPhase(),
                    service,
                    failure.kind(),
                    failure.getMessage());
            return answers.failed(phase, service, failure);
        } catch (RuntimeException unexpected) {
            log.error("event=step-failed-unexpectedly phase={} service={}", phase.getPhase(), service, unexpected);
            return answers.failed(
                    phase,
                    service,
                    new DataStepFailure(
                            DataStepFailure.Kind.INTERNAL,
                            true,
                            "data-service failed unexpectedly at " + phase.getPhase() + " for " + service + ": "
                                    + unexpected));
        }
    }
}
