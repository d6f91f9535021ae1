package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A path pattern as Docker reads them in {@code .dockerignore} and COPY sources: Go's {@code filepath.Match} syntax
 * ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a]}, backslash escapes), where wildcards stop at {@code /}, plus
 * {@code **}{@code /} for any number of directories and {@code **} elsewhere for any characters at all.
 *
 * <p>The pattern is a list of states run as a set over the path, one character at a time (a Thompson automaton), so a
 * match never backtracks: a hostile pattern such as {@code a*a*a*a*b} or {@code **}{@code /**}{@code /x} costs time
 * proportional to the path's length times the pattern's, where a backtracking regular expression takes exponential
 * time.
 */
final class Glob {

    /** What one state does with the next character, and where it may move without reading one. */
    private enum Kind {
        /** Reads one character its test accepts, moving to the next state. */
        ONE,
        /** {@code *}: reads any character but {@code /} and stays, or moves on without reading. */
        STAR,
        /** {@code **}: reads any character and stays, or moves on without reading. */
        ANY,
        /** Start of {@code **}{@code /}: moves without reading to the next state or past it (no directory at all). */
        OPTIONAL_DIRECTORIES,
        /** Rest of {@code **}{@code /}: reads any character and stays, and on a {@code /} may also move on. */
        DIRECTORIES
    }

    /** Tests one character, for {@link Kind#ONE}. */
    private interface OneCharacter {
        boolean accepts(char c);
    }

    private record State(Kind kind, OneCharacter test) {}

    private final List<State> states;

    private Glob(List<State> states) {
        this.states = List.copyOf(states);
    }

    /** The pattern; an unclosed {@code [} is refused with an {@link IllegalArgumentException} naming it. */
    static Glob of(String pattern) {
        var states = new ArrayList<State>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> i = stars(pattern, i, states);
                case '?' -> states.add(one(other -> other != '/'));
                case '[' -> i = characterClass(pattern, i, states);
                case '\\' -> {
                    char literal = i + 1 < pattern.length() ? pattern.charAt(++i) : '\\';
                    states.add(one(other -> other == literal));
                }
                default -> states.add(one(other -> other == c));
            }
        }
        return new Glob(states);
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** Whether the whole of {@code path} (relative, slash-separated) matches. */
    boolean matches(String path) {
        int[] ends = matchingPrefixes(path);
        return ends.length > 0 && ends[ends.length - 1] == path.length();
    }

    /** Whether {@code path} or one of the directories above it matches. */
    boolean matchesItselfOrParent(String path) {
        return matchingPrefixes(path).length > 0;
    }

    /**
     * The lengths of the prefixes of {@code path} that match and end where a segment does (a directory above it, or
     * the path itself), shortest first; found in one pass over the path.
     */
    int[] matchingPrefixes(String path) {
        IntStream.Builder ends = IntStream.builder();
        boolean[] active = closed(new boolean[states.size() + 1], 0);
        for (int at = 0; at < path.length() && any(active); at++) {
            if (at > 0 && path.charAt(at) == '/' && active[states.size()]) {
                ends.add(at);
            }
            active = read(active, path.charAt(at));
        }
        if (active[states.size()]) {
            ends.add(path.length());
        }
        return ends.build().toArray();
    }

    private static int stars(String pattern, int first, List<State> states) {
        if (first + 1 >= pattern.length() || pattern.charAt(first + 1) != '*') {
            states.add(new State(Kind.STAR, null));
            return first;
        }
        if (first + 2 < pattern.length() && pattern.charAt(first + 2) == '/') {
            states.add(new State(Kind.OPTIONAL_DIRECTORIES, null));
            states.add(new State(Kind.DIRECTORIES, null));
            return first + 2;
        }
        states.add(new State(Kind.ANY, null));
        return first + 1;
    }

    /** Reads the class opening at {@code open} into one state; returns the index of its closing {@code ]}. */
    private static int characterClass(String pattern, int open, List<State> states) {
        int i = open + 1;
        boolean negated = i < pattern.length() && (pattern.charAt(i) == '^' || pattern.charAt(i) == '!');
        i += negated ? 1 : 0;
        var ranges = new StringBuilder();
        // As in Go, a ] right after the opening (or the negation) is a member, not the end.
        for (; i < pattern.length() && (pattern.charAt(i) != ']' || ranges.isEmpty()); i++) {
            char low = pattern.charAt(i) == '\\' && i + 1 < pattern.length() ? pattern.charAt(++i) : pattern.charAt(i);
            char high = low;
            if (i + 2 < pattern.length() && pattern.charAt(i + 1) == '-' && pattern.charAt(i + 2) != ']') {
                i += 2;
                high = pattern.charAt(i) == '\\' && i + 1 < pattern.length() ? pattern.charAt(++i) : pattern.charAt(i);
            }
            ranges.append(low).append(high);
        }
        if (i >= pattern.length()) {
            throw new IllegalArgumentException("pattern '" + pattern + "' has an unclosed [");
        }
        String members = ranges.toString();
        // A negated class, like every wildcard, stops at a slash.
        states.add(one(c -> negated ? c != '/' && !inRanges(members, c) : inRanges(members, c)));
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

    private static State one(OneCharacter test) {
        return new State(Kind.ONE, test);
    }

    /** The states reached from {@code active} by reading {@code c}. */
    private boolean[] read(boolean[] active, char c) {
        boolean[] next = new boolean[active.length];
        for (int i = 0; i < states.size(); i++) {
            if (active[i]) {
                State state = states.get(i);
                switch (state.kind()) {
                    case ONE -> next[i + 1] |= state.test().accepts(c);
                    case STAR -> next[i] |= c != '/';
                    case ANY -> next[i] = true;
                    case DIRECTORIES -> {
                        next[i] = true;
                        next[i + 1] |= c == '/';
                    }
                    case OPTIONAL_DIRECTORIES -> {}
                }
            }
        }
        return closed(next, -1);
    }

    /** Adds the states reached without reading; marks {@code start} first if given. Moves only go forward. */
    private boolean[] closed(boolean[] active, int start) {
        if (start >= 0) {
            active[start] = true;
        }
        for (int i = 0; i < states.size(); i++) {
            if (active[i]) {
                switch (states.get(i).kind()) {
                    case STAR, ANY -> active[i + 1] = true;
                    case OPTIONAL_DIRECTORIES -> {
                        active[i + 1] = true;
                        active[i + 2] = true;
                    }
                    case ONE, DIRECTORIES -> {}
                }
            }
        }
        return active;
    }

    private static boolean any(boolean[] active) {
        for (boolean state : active) {
            if (state) {
                return true;
            }
        }
        return false;
    }
}
