package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.jgit.GitRemote;
import java.util.List;

/**
 * Turns a {@link SplitFailure} into the {@code step.failed} a service reports: the error kind, whether retrying without
 * a change to the plan can help, and the reason with any credential in it redacted.
 */
final class StepFailures {

    private final MetadataFactory metadata;

    StepFailures(MetadataFactory metadata) {
        this.metadata = metadata;
    }

    StepFailed of(PhaseStarted phase, String service, SplitFailure failure) {
        return failed(phase, service, errorKind(failure.kind()), failure.getMessage(), retryable(failure.kind()));
    }

    /** The same failure for every service of a group that failed as a whole. */
    List<StepFailed> ofEvery(PhaseStarted phase, List<ServiceWork> group, SplitFailure failure) {
        return group.stream()
                .map(service -> of(phase, service.getService(), failure))
                .toList();
    }

    /** A service the plan describes wrongly: only a change to the plan helps, so it is not retryable. */
    StepFailed invalidInput(PhaseStarted phase, String service, String reason) {
        return failed(phase, service, ErrorKind.INVALID_INPUT, reason, false);
    }

    private StepFailed failed(PhaseStarted phase, String service, ErrorKind kind, String reason, boolean retryable) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service)
                .setAction(phase.getAction())
                .setAttempt(phase.getAttempt())
                .setErrorKind(kind)
                .setReason(GitRemote.redact(reason))
                .setRetryable(retryable)
                .build();
    }

    static ErrorKind errorKind(SplitFailure.Kind kind) {
        return switch (kind) {
            case REPOSITORY_NOT_FOUND, BRANCH_NOT_FOUND, PATH_ABSENT_AT_HEAD -> ErrorKind.NOT_FOUND;
            case PATH_IS_NOT_A_DIRECTORY, SHALLOW_CLONE, INVALID_REQUEST -> ErrorKind.INVALID_INPUT;
            case CORRUPT_OBJECT, LOCAL_STORAGE -> ErrorKind.INTERNAL;
            case AUTHENTICATION_FAILED -> ErrorKind.AUTHENTICATION;
            case UNREACHABLE -> ErrorKind.UNREACHABLE;
            case TARGET_HAS_UNRELATED_HISTORY, PUSH_REJECTED -> ErrorKind.CONFLICT;
        };
    }

    /** Worth retrying without a change to the plan: the network, or a target that moved while we pushed. */
    static boolean retryable(SplitFailure.Kind kind) {
        return kind == SplitFailure.Kind.UNREACHABLE
                || kind == SplitFailure.Kind.PUSH_REJECTED
                || kind == SplitFailure.Kind.LOCAL_STORAGE;
    }
}
