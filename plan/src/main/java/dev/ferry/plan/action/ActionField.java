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
        DURATION,
        /** A yes or no ({@code true} or {@code false}). */
        BOOLEAN,
        /**
         * A list of files, each a mapping with a {@code path} and either {@code content} (a template written in the
         * plan) or {@code from} (a template file in the source repository); on the wire as {@link #fileKey} entries.
         */
        FILE_LIST
    }

    /** The setting that holds one property of the {@code number}th file (from 1) of a file list: {@code files.1.path}. */
    public static String fileKey(String field, int number, String property) {
        return field + "." + number + "." + property;
    }

    static ActionField required(String name, Type type, String description) {
        return new ActionField(name, type, true, description);
    }

    static ActionField optional(String name, Type type, String description) {
        return new ActionField(name, type, false, description);
    }
}
