package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * One slash-free segment of a {@link Glob}, in Go's {@code filepath.Match} syntax: {@code *} any run of characters,
 * {@code ?} one character, {@code [a-z]} / {@code [^a]} / {@code [!a]} one character of (or not of) a set, a backslash
 * taking the next character literally.
 *
 * <p>Matching is the two-pointer wildcard algorithm: on a mismatch it only moves the last {@code *} one character on,
 * so it reads the text at most once per pattern token and never backtracks exponentially.
 */
final class GlobSegment {

    /** The {@code **} segment: any number of whole segments, handled by {@link Glob}. */
    static final GlobSegment ANY_DIRECTORIES = new GlobSegment(List.of());

    /** One token: a test for exactly one character, or {@link #STAR}. */
    private interface OneCharacter {
        boolean accepts(char c);
    }

    /** The {@code *} token, told apart by identity; it never takes a character on its own. */
    private static final OneCharacter STAR = c -> false;

    private final List<OneCharacter> tokens;

    private GlobSegment(List<OneCharacter> tokens) {
        this.tokens = tokens;
    }

    /** Reads {@code segment}, part of {@code pattern} (named in the message when the segment is malformed). */
    static GlobSegment of(String segment, String pattern) {
        var tokens = new ArrayList<OneCharacter>();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> tokens.add(STAR);
                case '?' -> tokens.add(any -> true);
                case '[' -> i = characterClass(segment, i, pattern, tokens);
                case '\\' -> {
                    char literal = i + 1 < segment.length() ? segment.charAt(++i) : '\\';
                    tokens.add(other -> other == literal);
                }
                default -> tokens.add(other -> other == c);
            }
        }
        return new GlobSegment(tokens);
    }

    /** Whether {@code text[from, to)} matches the whole segment. */
    boolean matches(String text, int from, int to) {
        int token = 0;
        int at = from;
        int lastStar = -1;
        int starAt = -1;
        while (at < to) {
            if (token < tokens.size() && tokens.get(token) == STAR) {
                lastStar = token++;
                starAt = at;
            } else if (token < tokens.size() && tokens.get(token).accepts(text.charAt(at))) {
                token++;
                at++;
            } else if (lastStar >= 0) {
                // Let the last * take one more character and retry from just after it.
                token = lastStar + 1;
                at = ++starAt;
            } else {
                return false;
            }
        }
        while (token < tokens.size() && tokens.get(token) == STAR) {
            token++;
        }
        return token == tokens.size();
    }

    /** Reads the class opening at {@code open}; returns the index of its closing {@code ]}. */
    private static int characterClass(String segment, int open, String pattern, List<OneCharacter> tokens) {
        int i = open + 1;
        boolean negated = i < segment.length() && (segment.charAt(i) == '^' || segment.charAt(i) == '!');
        i += negated ? 1 : 0;
        var ranges = new StringBuilder();
        // As in Go, a ] right after the opening (or the negation) is a member, not the end.
        for (; i < segment.length() && (segment.charAt(i) != ']' || ranges.isEmpty()); i++) {
            char low = segment.charAt(i) == '\\' && i + 1 < segment.length() ? segment.charAt(++i) : segment.charAt(i);
            char high = low;
            if (i + 2 < segment.length() && segment.charAt(i + 1) == '-' && segment.charAt(i + 2) != ']') {
                i += 2;
                high = segment.charAt(i) == '\\' && i + 1 < segment.length() ? segment.charAt(++i) : segment.charAt(i);
            }
            ranges.append(low).append(high);
        }
        if (i >= segment.length()) {
            throw new IllegalArgumentException("pattern '" + pattern + "' has an unclosed [");
        }
        String members = ranges.toString();
        tokens.add(c -> inRanges(members, c) != negated);
        return i;
    }

    private static boolean inRanges(String ranges, char c) {
        for (int i = 0; i < ranges.length(); i += 2) {
            if (ranges.charAt(i) <= c && c <= ranges.charAt(i + 1)) {
                return true;
            }
        }
        return false;
    }
}
