package dev.ferry.planner.app;

import java.util.List;

/**
 * The command or event being handled, as far as the events it causes must name it.
 *
 * @param eventId its {@code metadata.eventId}: the key that drops a second delivery
 * @param traceparent W3C trace context to carry on, or null
 * @param issuedBy for a command, who issued it and through which channel; null for a worker's event
 */
public record Cause(String eventId, String traceparent, Issuer issuedBy) {

    /**
     * A person or system that issued a command.
     *
     * @param roles their verified roles; null when the planner trusts commands as declared or could not verify them
     */
    public record Issuer(String name, String channel, List<String> roles) {
        public Issuer {
            roles = roles == null ? null : List.copyOf(roles);
        }

        public Issuer(String name, String channel) {
            this(name, channel, null);
        }
    }

    /** Something the planner does of its own accord (a retry timer), with a fresh id. */
    public static Cause internal(String eventId) {
        return new Cause(eventId, null, new Issuer("planner", "planner"));
    }
}
