package dev.ferry.build.domain;

import java.util.Objects;

/**
 * A build step that cannot complete, with a reason a person can act on (what, where, what to do) and whether trying
 * again may help. Adapters translate library exceptions into this one at their edge; the reason never holds a secret.
 */
public final class BuildFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final boolean retryable;
    private final String detailsUrl;

    private BuildFailure(FailureKind kind, String reason, boolean retryable, String detailsUrl, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryable = retryable;
        this.detailsUrl = detailsUrl;
    }

    /** A failure that will happen again on retry until someone changes the input or the registry. */
    public static BuildFailure permanent(FailureKind kind, String reason) {
        return new BuildFailure(kind, reason, false, null, null);
    }

    public static BuildFailure permanent(FailureKind kind, String reason, Throwable cause) {
        return new BuildFailure(kind, reason, false, null, cause);
    }

    /** A failure of something outside Ferry (network, registry) that a later attempt may not meet. */
    public static BuildFailure retryable(FailureKind kind, String reason, Throwable cause) {
        return new BuildFailure(kind, reason, true, null, cause);
    }

    /** The same failure pointing at a page that explains it, such as a failed CI run. */
    public BuildFailure withDetailsUrl(String url) {
        return new BuildFailure(kind, getMessage(), retryable, url, getCause());
    }

    public FailureKind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }

    public boolean retryable() {
        return retryable;
    }

    /** A page with more about the failure, or null. */
    public String detailsUrl() {
        return detailsUrl;
    }
}
