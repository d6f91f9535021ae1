package dev.ferry.planner.domain.plan;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a mistyped one was probably meant to be, so an error can say what to write instead. */
public final class DidYouMean {

    private DidYouMean() {}

    /**
     * The known name closest to {@code given} by edit distance (ignoring case), when it is close enough to be a typo:
     * at most a third of the longer name's letters differ, and never more than three. Ties go to the first known name.
     */
    public static Optional<String> closest(String given, Collection<String> known) {
        String typed = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance && distance <= allowedEdits(typed, candidate)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code  (did you mean "build"?)} or the empty string when no known name is close. */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known)
                .map(name -> " (did you mean \"" + name + "\"?)")
                .orElse("");
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int allowedEdits(String given, String candidate) {
        return Math.min(3, Math.max(1, Math.max(given.length(), candidate.length()) / 3));
    }
}
