package dev.ferry.plan;

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

    /**
     * Levenshtein distance with adjacent transpositions (optimal string alignment): the fewest insertions, deletions,
     * substitutions and swaps of neighbours that turn {@code a} into {@code b}. Swaps count as one edit because
     * {@code biuld} for {@code build} is the commonest typo of all.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int allowedEdits(String given, String candidate) {
        return Math.min(3, Math.max(1, Math.max(given.length(), candidate.length()) / 3));
    }
}
