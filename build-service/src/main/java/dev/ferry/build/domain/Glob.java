package dev.ferry.build.domain;

import java.util.regex.Pattern;

/**
 * A path pattern as Docker reads them in {@code .dockerignore} and COPY sources: Go's {@code filepath.Match} syntax
 * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a]}, backslash escapes), where wildcards stop at {@code /}, plus
 * {@code **} for any number of directories.
 */
final class Glob {

    private final Pattern regex;

    private Glob(Pattern regex) {
        this.regex = regex;
    }

    static Glob of(String pattern) {
        return new Glob(Pattern.compile(toRegex(pattern)));
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String toRegex(String pattern) {
        var out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        boolean slash = i + 1 < pattern.length() && pattern.charAt(i + 1) == '/';
                        out.append(slash ? "(?:.*/)?" : ".*");
                        i += slash ? 1 : 0;
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> i = characterClass(pattern, i, out);
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    private static int characterClass(String pattern, int open, StringBuilder out) {
        int close = pattern.indexOf(']', open + 1);
        if (close < 0) {
            throw new IllegalArgumentException("pattern '" + pattern + "' has an unclosed [");
        }
        String body = pattern.substring(open + 1, close);
        boolean negated = body.startsWith("^") || body.startsWith("!");
        if (negated) {
            body = body.substring(1);
        }
        out.append('[').append(negated ? "^/" : "");
        for (char member : body.toCharArray()) {
            // Letters, digits and the range dash keep their meaning; anything else is taken literally.
            boolean plain = Character.isLetterOrDigit(member) || member == '-';
            out.append(plain ? "" : "\\").append(member);
        }
        out.append(']');
        return close;
    }
}
