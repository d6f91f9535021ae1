package dev.ferry.plan.action;

/**
 * A phase field that only some actions take ({@code environment}, {@code checklist}, {@code duration}).
 *
 * @param description what the value is, as the reader's problems and the JSON Schema say it
 */
public record ActionField(String name, Type type, boolean required, String description) {

    /** How the value is written in the plan. */
    public enum Type {
        /** The name of one of the plan's environments. */
        ENVIRONMENT,
        /** A list of strings. */
        STRING_LIST,
        /** A duration such as {@code 90s}, {@code 30m}, {@code 48h} or {@code 2d}. */
        DURATION
    }

    static ActionField required(String name, Type type, String description) {
        return new ActionField(name, type, true, description);
    }

    static ActionField optional(String name, Type type, String description) {
        return new ActionField(name, type, false, description);
    }
}
