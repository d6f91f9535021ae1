package dev.ferry.deploy.traffic;

/** Why a query got no value; the two cases are handled differently, so they are told apart by type. */
public abstract sealed class MetricsFailure extends RuntimeException {

    MetricsFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The metrics server could not be reached or answered with a server error: asking again later may work. */
    public static final class Unreachable extends MetricsFailure {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server refused the query (bad PromQL, unknown function): asking again cannot work. */
    public static final class Rejected extends MetricsFailure {
        public Rejected(String message) {
            super(message, null);
        }
    }
}
