package dev.ferry.runtime.steps;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
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
        Answer answer = answerIn(event);
        return answer == null
                ? published
                : published.thenCompose(done -> log.answered(answer.step(), answer.attempt()));
    }

    private record Answer(StepRef step, int attempt) {}

    /** The step and attempt a result answers; null for anything that is not a step's result (progress, commands). */
    private static Answer answerIn(SpecificRecord event) {
        return switch (event) {
            case RepoSplit r -> answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            case SourceArchived r ->
                answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            case ImagePushed r ->
                answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            case DeploySynced r ->
                answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            case StepSucceeded r ->
                answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            case StepFailed r -> answer(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt());
            default -> null;
        };
    }

    private static Answer answer(String migrationId, String phase, String service, int attempt) {
        // Results from before attempts were carried hold none; they answer nothing this log can tell apart.
        return attempt < 1 ? null : new Answer(new StepRef(migrationId, phase, service), attempt);
    }
}
