package dev.ferry.runtime.steps;

import dev.ferry.runtime.EventPublisher;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes through another publisher and, once the broker holds a step's result, marks that attempt answered in the
 * {@link HandledStepLog}. The mark follows the result, never precedes it: a crash between the two leaves an attempt
 * that runs again on redelivery, and each effect checks its own evidence then (the split finds its pushed commit, the
 * GitOps write its commit with the step's trailer).
 */
public final class AnsweringPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final HandledStepLog log;

    public AnsweringPublisher(EventPublisher delegate, HandledStepLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    @Override
    public CompletableFuture<Void> publish(SpecificRecord event) {
        CompletableFuture<Void> published = delegate.publish(event);
        // Results from before attempts were carried hold none; they answer nothing this log can tell apart.
        return StepAnswer.in(event)
                .filter(answer -> answer.attempt() >= 1)
                .map(answer -> published.thenCompose(done -> log.answered(answer.step(), answer.attempt())))
                .orElse(published);
    }
}
