package dev.ferry.planner.github;

/** The outcome of checking {@code X-Hub-Signature-256} against a body; every refusal says how to put it right. */
public enum SignatureVerdict {
    VALID(null),
    MISSING("missing header X-Hub-Signature-256: set the same secret on the GitHub webhook and on Ferry"),
    MALFORMED("malformed header X-Hub-Signature-256: expected 'sha256=' followed by 64 hex digits"),
    MISMATCH("signature mismatch: X-Hub-Signature-256 does not match the body under the configured secret; "
            + "check that GitHub and Ferry share the same secret");

    private final String problem;

    SignatureVerdict(String problem) {
        this.problem = problem;
    }

    /** What is wrong, for the caller; null when {@link #VALID}. Never contains the header's value. */
    public String problem() {
        return problem;
    }
}
