package dev.ferry.runtime.steps;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * A worker's result for one attempt of a step: what the planner waits for, whatever its record type.
 *
 * @param failed whether the step failed ({@code step.failed}); every other result is a success
 */
public record StepAnswer(StepRef step, int attempt, boolean failed) {

    /** The answer a record is, if it is one: progress, heartbeats and commands answer nothing. */
    public static Optional<StepAnswer> in(SpecificRecord record) {
        return Optional.ofNullable(
                switch (record) {
                    case RepoSplit r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), false);
                    case SourceArchived r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), false);
                    case ImagePushed r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), false);
                    case DeploySynced r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), false);
                    case StepSucceeded r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), false);
                    case StepFailed r ->
                        of(r.getMetadata().getMigrationId(), r.getPhase(), r.getService(), r.getAttempt(), true);
                    default -> null;
                });
    }

    private static StepAnswer of(String migrationId, String phase, String service, int attempt, boolean failed) {
        return new StepAnswer(new StepRef(migrationId, phase, service), attempt, failed);
    }
}
