package dev.ferry.planner.kafka;

import dev.ferry.contracts.Redaction;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.plan.action.Build;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a worker's result event as the run input it stands for. The four result topics of the first actions name
 * their outputs here, as their catalogue entries do; every later action reports on {@code step.succeeded} with its
 * outputs already named (ADR 0002), so it adds no case.
 */
final class WorkerReports {

    private WorkerReports() {}

    static Optional<RunInput> input(SpecificRecord record) {
        return Optional.ofNullable(
                switch (record) {
                    case StepSucceeded success ->
                        succeeded(
                                success.getPhase(),
                                success.getService(),
                                success.getAttempt(),
                                new StepResult(success.getOutputs()));
                    case RepoSplit split ->
                        succeeded(
                                split.getPhase(),
                                split.getService(),
                                split.getAttempt(),
                                StepResult.of(
                                        "splitCommit", split.getTargetCommit(),
                                        "targetRepository", split.getTargetRepository()));
                    case ImagePushed image ->
                        succeeded(
                                image.getPhase(),
                                image.getService(),
                                image.getAttempt(),
                                StepResult.of(
                                        "imageReference",
                                        image.getImageReference(),
                                        "imageDigest",
                                        image.getDigest(),
                                        // build-service lists the immutable tag first.
                                        "imageTag",
                                        image.getTags().isEmpty()
                                                ? image.getDigest()
                                                : image.getTags().getFirst(),
                                        Build.BUILDER,
                                        image.getBuilder()));
                    case DeploySynced deploy ->
                        succeeded(
                                deploy.getPhase(),
                                deploy.getService(),
                                deploy.getAttempt(),
                                // What the environment verified: a later environment's deploy is handed this tag
                                // and digest (the later step's outputs win), so it runs the same image.
                                StepResult.of(
                                        "environment", deploy.getEnvironment(),
                                        "imageTag", deploy.getImageTag(),
                                        "imageDigest", deploy.getImageDigest(),
                                        "gitopsCommit", deploy.getGitopsCommit(),
                                        "deployMessage", deploy.getMessage()));
                    case SourceArchived archived ->
                        succeeded(
                                archived.getPhase(),
                                archived.getService(),
                                archived.getAttempt(),
                                StepResult.of("noticeCommit", archived.getNoticeCommit()));
                    case StepProgress progress -> new RunInput.Heartbeat(progress.getPhase(), progress.getService());
                    case StepFailed failed ->
                        new RunInput.StepFailed(
                                failed.getPhase(),
                                failed.getService(),
                                failed.getAttempt(),
                                failed.getRetryable(),
                                // A worker's reason reaches the status API and Slack: no credential may ride along.
                                Redaction.redact(failed.getErrorKind() + ": " + failed.getReason() + detailsOf(failed)),
                                failed.getRollbackMillis());
                    default -> null;
                });
    }

    /** Where the failure is told in full (a job's whole output, a workflow run's page), at the end of the error. */
    private static String detailsOf(StepFailed failed) {
        return failed.getDetailsUrl() == null || failed.getDetailsUrl().isBlank()
                ? ""
                : "\n(details: " + failed.getDetailsUrl() + ")";
    }

    private static RunInput succeeded(String phase, String service, int attempt, StepResult result) {
        return new RunInput.StepSucceeded(phase, service, attempt, result);
    }
}
