package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON ("exec") form of ENTRYPOINT, CMD, COPY and VOLUME: an array of strings. Like Docker, anything that
 * is not such an array is left to the shell form.
 */
final class ExecForm {

    private final String text;
    private int at;

    private ExecForm(String text) {
        this.text = text;
    }

    static Optional<List<String>> parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ExecForm(trimmed).array());
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    private List<String> array() {
        var items = new ArrayList<String>();
        expect('[');
        skipSpace();
        if (peek() == ']') {
            at++;
        } else {
            do {
                skipSpace();
                items.add(string());
                skipSpace();
            } while (next() == ',');
            at--;
            expect(']');
        }
        skipSpace();
        if (at != text.length()) {
            throw new IllegalArgumentException("text after the array");
        }
        return items;
    }

    private String string() {
        expect('"');
        var out = new StringBuilder();
        for (char c = next(); c != '"'; c = next()) {
            if (c == '\\') {
                char escaped = next();
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char next() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at++);
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
