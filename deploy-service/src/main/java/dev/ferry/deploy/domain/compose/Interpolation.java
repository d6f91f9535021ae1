package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR-default}},
 * {@code ${VAR:?message}} and {@code ${VAR?message}}, and {@code $$} for a literal dollar. Compose itself puts an
 * empty string in place of an undefined variable with only a warning; a manifest built that way would run with a
 * value nobody chose, so here it is an error naming the file and line.
 */
final class Interpolation {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}]|\\{[^{}]*})*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, String> variables;

    Interpolation(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The text with every reference replaced; {@code where} is {@code file:line} for errors. */
    String apply(String text, String where) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m, text, where)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolve(Matcher m, String text, String where) {
        if (m.group(1) != null) {
            return "$";
        }
        String name = m.group(2) != null ? m.group(2) : m.group(5);
        String operator = m.group(3);
        String value = variables.get(name);
        boolean unsetOrEmpty = value == null || (value.isEmpty() && operator != null && operator.startsWith(":"));
        if (operator == null) {
            if (value == null) {
                throw undefined(name, where, text, "");
            }
            return value;
        }
        if (!unsetOrEmpty) {
            return value;
        }
        String argument = apply(m.group(4), where);
        if (operator.endsWith("?")) {
            throw undefined(name, where, text, argument.isEmpty() ? "" : " (" + argument + ")");
        }
        return argument;
    }

    private static StepFailure undefined(String name, String where, String text, String message) {
        return StepFailure.invalid(where + ": variable " + name + " in '" + text + "' is not defined" + message
                + "; define it in the .env file beside the compose file or in the phase's variables, or write"
                + " ${" + name + ":-default}");
    }
}
