package dev.ferry.data.domain;

/**
 * Why a data step failed, in words a person can act on (what, where, what to do), never holding a password; the kind
 * and whether trying again may help travel with it to {@code step.failed}.
 */
public final class DataStepFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The same words as the contract's error kinds, so the adapter maps by name. */
    public enum Kind {
        INVALID_INPUT,
        NOT_FOUND,
        AUTHENTICATION,
        UNREACHABLE,
        CONFLICT,
        TIMEOUT,
        UNSUPPORTED,
        INTERNAL
    }

    private final Kind kind;
    private final boolean retryable;

    public DataStepFailure(Kind kind, boolean retryable, String message) {
        super(message);
        this.kind = kind;
        this.retryable = retryable;
    }

    public DataStepFailure(Kind kind, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryable = retryable;
    }

    /** Bad input in the plan: trying again changes nothing until the plan or the database does. */
    public static DataStepFailure invalid(String message) {
        return new DataStepFailure(Kind.INVALID_INPUT, false, message);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }
}
