package dev.ferry.repo.domain;

/** Why a split could not be done, in words a person can act on; {@link #kind()} is what step.failed reports. */
public final class SplitFailure extends RuntimeException {

    /** What kind of problem; each maps to an error kind on step.failed. */
    public enum Kind {
        REPOSITORY_NOT_FOUND,
        BRANCH_NOT_FOUND,
        PATH_ABSENT_AT_HEAD,
        PATH_IS_NOT_A_DIRECTORY,
        SHALLOW_CLONE,
        CORRUPT_OBJECT,
        AUTHENTICATION_FAILED,
        UNREACHABLE,
        TARGET_HAS_UNRELATED_HISTORY,
        PUSH_REJECTED,
        INVALID_REQUEST,
        LOCAL_STORAGE
    }

    private final Kind kind;

    public SplitFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public SplitFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
