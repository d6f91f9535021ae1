package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunEffect.StepCompleted;
import dev.ferry.planner.domain.run.RunEffect.StepTimedOut;
import dev.ferry.planner.domain.run.Step;
import java.time.Duration;

/**
 * What the planner itself reports about a step, on the topics workers report on: a step its clock performed succeeded
 * ({@code step.succeeded}), a worker's step ran past its deadline ({@code step.failed}, TIMEOUT).
 */
final class StepEvents {

    private StepEvents() {}

    static StepSucceeded succeeded(MigrationRun run, StepCompleted completed, EventMetadata meta) {
        var step = run.step(completed.phase(), completed.service());
        return StepSucceeded.newBuilder()
                .setMetadata(meta)
                .setPhase(completed.phase())
                .setService(completed.service())
                .setAction(WireActions.symbol(completed.action()))
                .setAttempt(step.map(Step::attempt).orElse(1))
                .setOutputs(completed.result().outputs())
                .setDurationMillis(
                        step.flatMap(Step::duration).map(Duration::toMillis).orElse(0L))
                .build();
    }

    static StepFailed timedOut(StepTimedOut timedOut, EventMetadata meta) {
        return StepFailed.newBuilder()
                .setMetadata(meta)
                .setPhase(timedOut.phase())
                .setService(timedOut.service())
                .setAction(WireActions.symbol(timedOut.action()))
                .setAttempt(timedOut.attempt())
                .setErrorKind(ErrorKind.TIMEOUT)
                .setReason(timedOut.reason())
                .setRetryable(timedOut.retryable())
                .build();
    }
}
