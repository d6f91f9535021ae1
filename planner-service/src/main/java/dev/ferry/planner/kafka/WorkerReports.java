package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Reads a worker's result event as the run input it stands for. */
final class WorkerReports {

    private WorkerReports() {}

    static Optional<RunInput> input(SpecificRecord record) {
        return Optional.ofNullable(
                switch (record) {
                    case RepoSplit split ->
                        new RunInput.StepSucceeded(
                                split.getPhase(),
                                split.getService(),
                                new StepResult.Split(split.getTargetCommit(), split.getTargetRepository()));
                    case ImagePushed image ->
                        new RunInput.StepSucceeded(
                                image.getPhase(),
                                image.getService(),
                                new StepResult.ImageBuilt(
                                        image.getImageReference(),
                                        image.getDigest(),
                                        // build-service lists the immutable tag first.
                                        image.getTags().isEmpty()
                                                ? image.getDigest()
                                                : image.getTags().getFirst()));
                    case DeploySynced deploy ->
                        new RunInput.StepSucceeded(
                                deploy.getPhase(),
                                deploy.getService(),
                                new StepResult.Deployed(
                                        deploy.getEnvironment(),
                                        deploy.getImageTag(),
                                        deploy.getGitopsCommit(),
                                        deploy.getMessage(),
                                        deploy.getRollback()));
                    case SourceArchived archived ->
                        new RunInput.StepSucceeded(
                                archived.getPhase(),
                                archived.getService(),
                                new StepResult.Archived(archived.getNoticeCommit()));
                    case StepFailed failed ->
                        new RunInput.StepFailed(
                                failed.getPhase(),
                                failed.getService(),
                                failed.getRetryable(),
                                failed.getErrorKind() + ": " + failed.getReason());
                    default -> null;
                });
    }
}
