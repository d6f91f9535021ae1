package dev.ferry.build.domain;

/**
 * How much substituting variables may produce while one Dockerfile is read. Without a bound, a Dockerfile whose ENV
 * lines each double a value ({@code ENV A=$A$A}) needs memory and time exponential in its length, and one line naming a
 * long variable many times multiplies it. One word, and so one ENV, ARG or LABEL value or one COPY source, may grow to
 * {@value #WORD_LIMIT} characters; the substitutions of the whole Dockerfile together to {@value #TOTAL_LIMIT}.
 */
final class ExpansionBudget {

    static final int WORD_LIMIT = 64 * 1024;
    static final int TOTAL_LIMIT = 1024 * 1024;

    /** A substitution past one of the bounds, naming the variable substituted and the word it was going into. */
    static final class Exceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String word;

        private Exceeded(String reason, String word) {
            super(reason);
            this.word = word;
        }

        /** The beginning of the word being built, such as {@code A=xxxx}. */
        String word() {
            return word;
        }
    }

    private long spent;

    /**
     * Counts {@code length} characters of {@code variable}'s value going into {@code word}; refuses them when the word
     * or the Dockerfile's total would pass its bound, before anything is appended.
     */
    void spend(String variable, int length, CharSequence word) {
        if ((long) word.length() + length > WORD_LIMIT) {
            throw new Exceeded(
                    "substituting $" + variable + " makes the value longer than 64 KiB (" + WORD_LIMIT
                            + " characters), the most one value may hold; look for a value that grows with every"
                            + " line, such as ENV " + variable + "=$" + variable + "$" + variable,
                    start(word));
        }
        spent += length;
        if (spent > TOTAL_LIMIT) {
            throw new Exceeded(
                    "substituting $" + variable + " takes the variables substituted in this Dockerfile past 1 MiB ("
                            + TOTAL_LIMIT + " characters) in total, the most Ferry substitutes in one Dockerfile;"
                            + " refer to long variables less often",
                    start(word));
        }
    }

    private static String start(CharSequence word) {
        return word.subSequence(0, Math.min(word.length(), 200)).toString();
    }
}
