package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plan templates such as {@code https://github.com/fitsync/fitsync-{service}.git}: finding their placeholders, checking
 * them against the ones a field allows, and filling them.
 */
public final class TemplateText {

    private static final Pattern BRACES = Pattern.compile("\\{([^{}]*)}");

    /**
     * A placeholder in a file template: a word in single braces. Not after {@code $} and not in double braces, so that
     * what files are full of stays text: shell's {@code ${VAR}}, GitHub Actions' {@code ${{ secrets.X }}}, JSON and
     * brace expansion such as {@code src/{a,b}}.
     */
    private static final Pattern FILE_PLACEHOLDER = Pattern.compile("(?<![${])\\{([A-Za-z][A-Za-z0-9_.-]*)}(?!})");

    /** A placeholder found in a file template, and where its opening brace is in the text. */
    public record FilePlaceholder(String name, int offset) {}

    private TemplateText() {}

    /** The text between each pair of braces, in order ({@code service}, {@code sha:8}, ...). */
    public static List<String> placeholders(String template) {
        var found = new ArrayList<String>();
        Matcher m = BRACES.matcher(template);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Whether the template names {@code placeholder}. */
    public static boolean uses(String template, Placeholder placeholder) {
        return placeholders(template).stream()
                .map(Placeholder::named)
                .anyMatch(named -> named.equals(Optional.of(placeholder)));
    }

    /**
     * What is wrong with the template's placeholders when only {@code allowed} may be used, phrased as a sentence, or
     * empty when nothing is.
     */
    public static Optional<String> problem(String template, Set<Placeholder> allowed) {
        String withoutPlaceholders = BRACES.matcher(template).replaceAll("");
        if (withoutPlaceholders.contains("{") || withoutPlaceholders.contains("}")) {
            return Optional.of("has an unmatched brace in \"" + template + "\"; placeholders are written {service}");
        }
        for (String inner : placeholders(template)) {
            Optional<Placeholder> named = Placeholder.named(inner);
            if (named.isEmpty()) {
                return Optional.of("has an unknown placeholder {" + inner + "}" + hint(inner, allowed)
                        + "; usable here: " + list(allowed));
            }
            if (!allowed.contains(named.get())) {
                return Optional.of("cannot use {" + inner + "} here, it has no value at that point; usable here: "
                        + list(allowed));
            }
        }
        return Optional.empty();
    }

    /**
     * The template with each placeholder named in {@code values} (by its text between braces, e.g. {@code service})
     * replaced; other placeholders stay as written, so a later stage can fill them.
     */
    public static String fill(String template, Map<String, String> values) {
        return fill(BRACES, template, values);
    }

    private static String fill(Pattern placeholder, String template, Map<String, String> values) {
        Matcher m = placeholder.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholders of a file template, in order; braces that are not placeholders are text (see above). */
    public static List<FilePlaceholder> inFile(String template) {
        var found = new ArrayList<FilePlaceholder>();
        Matcher m = FILE_PLACEHOLDER.matcher(template);
        while (m.find()) {
            found.add(new FilePlaceholder(m.group(1), m.start()));
        }
        return found;
    }

    /** The file template with each of its placeholders that {@code values} names replaced. */
    public static String fillFile(String template, Map<String, String> values) {
        return fill(FILE_PLACEHOLDER, template, values);
    }

    private static String hint(String inner, Set<Placeholder> allowed) {
        List<String> names = allowed.stream()
                .filter(p -> p != Placeholder.SHA_PREFIX)
                .map(p -> p.written().substring(1, p.written().length() - 1))
                .toList();
        return DidYouMean.closest(inner, names)
                .map(name -> " (did you mean {" + name + "}?)")
                .orElse("");
    }

    private static String list(Set<Placeholder> allowed) {
        if (allowed.isEmpty()) {
            return "none";
        }
        return allowed.stream().sorted().map(Placeholder::written).collect(Collectors.joining(" "));
    }
}
