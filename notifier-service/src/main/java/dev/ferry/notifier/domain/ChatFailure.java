package dev.ferry.notifier.domain;

import java.time.Duration;
import java.util.Optional;

/** A sink call that did not go through, classified so the caller knows whether and when to try again. */
public final class ChatFailure extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** The service asked us to slow down (HTTP 429); try again after {@link #retryAfter()}. */
        RATE_LIMITED(true),
        /** 5xx, timeout or connection failure: the service may be back soon. */
        UNAVAILABLE(true),
        /** The token is invalid or revoked. Retried, so nothing is lost once an operator fixes it. */
        UNAUTHORIZED(true),
        /** The request itself is refused (unknown channel, message too long): trying again cannot help. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public ChatFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ChatFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** The wait the service asked for, when it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
