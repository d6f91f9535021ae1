package dev.ferry.plan.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A phase field that only some actions take ({@code environment}, {@code checklist}, {@code duration}).
 *
 * @param description what the value is, as the reader's problems and the JSON Schema say it
 * @param choices the values a {@link Type#CHOICE} takes, the default first; empty for every other type
 */
public record ActionField(String name, Type type, boolean required, String description, List<String> choices) {

    public ActionField {
        choices = List.copyOf(choices);
    }

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
        FILE_LIST,
        /** One line of text. */
        TEXT,
        /** A whole number, 0 or more. */
        COUNT,
        /** Names with text values; on the wire as {@link #entryKey} entries ({@code secrets.AWS_ROLE_ARN}). */
        TEXT_MAP,
        /** An {@code https} URL; {@code http} only for localhost, where nothing travels over a network. */
        HTTPS_URL,
        /**
         * A command: a list of words run as they are, or one text run by the image's shell ({@code /bin/sh -c});
         * on the wire as numbered {@link #entryKey} entries, a text as its three words.
         */
        COMMAND,
        /** One of the field's {@link #choices}. */
        CHOICE
    }

    /** The words a shell command written as one text runs as. */
    public static List<String> shellWords(String command) {
        return List.of("/bin/sh", "-c", command);
    }

    /** The setting that holds one property of the {@code number}th file (from 1) of a file list: {@code files.1.path}. */
    public static String fileKey(String field, int number, String property) {
        return field + "." + number + "." + property;
    }

    /**
     * The setting that holds one entry of a {@link Type#TEXT_MAP} ({@code secrets.AWS_ROLE_ARN}), or the
     * {@code n}th item (from 1) of a {@link Type#STRING_LIST} other than the gate's checklist ({@code topics.1}).
     */
    public static String entryKey(String field, Object name) {
        return field + "." + name;
    }

    /** The entries of a {@link Type#TEXT_MAP} field in settings, sorted by name (settings keep no order). */
    public static SortedMap<String, String> entries(Map<String, String> settings, String field) {
        var entries = new TreeMap<String, String>();
        settings.forEach((key, value) -> {
            if (key.startsWith(field + ".")) {
                entries.put(key.substring(field.length() + 1), value);
            }
        });
        return entries;
    }

    /** The items of a {@link Type#STRING_LIST} field in settings, in the plan's order. */
    public static List<String> items(Map<String, String> settings, String field) {
        var items = new ArrayList<String>();
        for (int n = 1; settings.containsKey(entryKey(field, n)); n++) {
            items.add(settings.get(entryKey(field, n)));
        }
        return items;
    }

    /** The value of a {@link Type#CHOICE} field in settings, its default when the plan leaves it out. */
    public String chosen(Map<String, String> settings) {
        return settings.getOrDefault(name, choices.getFirst());
    }

    static ActionField required(String name, Type type, String description) {
        return new ActionField(name, type, true, description, List.of());
    }

    static ActionField optional(String name, Type type, String description) {
        return new ActionField(name, type, false, description, List.of());
    }

    /** An optional {@link Type#CHOICE} field; the first choice is its default. */
    static ActionField choice(String name, List<String> choices, String description) {
        return new ActionField(name, Type.CHOICE, false, description, choices);
    }
}
