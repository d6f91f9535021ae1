package dev.ferry.deploy.domain;

import java.util.Objects;

/**
 * A deploy or rollback step that cannot finish, with a reason a person can act on: what went wrong, where, and what to
 * do. The kind says which class of problem it is; retryable says whether running the same step again may succeed.
 */
public class StepFailure extends RuntimeException {

    /** Classes of failure, mirrored one to one by the contract's error kinds. */
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

    public StepFailure(Kind kind, boolean retryable, String message) {
        this(kind, retryable, message, null);
    }

    public StepFailure(Kind kind, boolean retryable, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryable = retryable;
    }

    public static StepFailure invalid(String message) {
        return new StepFailure(Kind.INVALID_INPUT, false, message);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return retryable;
    }
}
