package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's word handling for instruction arguments: variable substitution ({@code $NAME}, {@code ${NAME}},
 * {@code ${NAME:-default}}, {@code ${NAME:+alternative}}) and splitting into words with single and double quotes and
 * backslash escapes, as the builder does for ENV, LABEL, ARG, COPY and friends. Every substitution is counted against
 * an {@link ExpansionBudget}, which refuses it (throwing {@link ExpansionBudget.Exceeded}) before it is carried out.
 */
final class ShellWords {

    private ShellWords() {}

    /** Splits {@code text} into words, substituting variables outside single quotes; unknown variables are empty. */
    static List<String> split(String text, Function<String, String> variables, ExpansionBudget budget) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '$' && quote != '\'') {
                i = substitute(text, i, variables, budget, word);
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Substitutes variables in {@code text} without splitting it into words or removing quotes. */
    static String substitute(String text, Function<String, String> variables, ExpansionBudget budget) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == '$') {
                i = substitute(text, i, variables, budget, out);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the value of the variable starting at {@code dollar}; returns the index of its last character. */
    private static int substitute(
            String text, int dollar, Function<String, String> variables, ExpansionBudget budget, StringBuilder out) {
        int next = dollar + 1;
        if (next < text.length() && text.charAt(next) == '{') {
            int close = text.indexOf('}', next);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed ${ in: " + text);
            }
            String expression = text.substring(next + 1, close);
            append(name(expression), braced(expression, variables), budget, out);
            return close;
        }
        int end = next;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == next) {
            out.append('$');
            return dollar;
        }
        String name = text.substring(next, end);
        append(name, valueOf(name, variables), budget, out);
        return end - 1;
    }

    private static void append(String name, String value, ExpansionBudget budget, StringBuilder out) {
        budget.spend(name, value.length(), out);
        out.append(value);
    }

    private static String name(String expression) {
        int colon = expression.indexOf(':');
        return colon < 0 ? expression : expression.substring(0, colon);
    }

    private static String braced(String expression, Function<String, String> variables) {
        int colon = expression.indexOf(':');
        if (colon < 0) {
            return valueOf(expression, variables);
        }
        String name = expression.substring(0, colon);
        String value = variables.apply(name);
        String word = colon + 1 < expression.length() ? expression.substring(colon + 2) : "";
        char modifier = colon + 1 < expression.length() ? expression.charAt(colon + 1) : ' ';
        return switch (modifier) {
            case '-' -> value == null || value.isEmpty() ? word : value;
            case '+' -> value == null || value.isEmpty() ? "" : word;
            default -> throw new IllegalArgumentException("unsupported substitution ${" + expression + "}");
        };
    }

    private static String valueOf(String name, Function<String, String> variables) {
        String value = variables.apply(name);
        return value == null ? "" : value;
    }
}
