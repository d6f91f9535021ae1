package dev.ferry.cli.status;

import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import dev.ferry.cli.status.MigrationStatus.Step;
import java.util.Locale;

/**
 * How states and progress look: with colours, coloured words and block-character bars for a terminal; without, plain
 * ASCII for logs and pipes. Colour escapes take no width, so both line up the same in a table.
 */
final class Palette {

    static final int BAR_WIDTH = 20;

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String CYAN = "\u001B[36m";

    private final boolean colours;

    private Palette(boolean colours) {
        this.colours = colours;
    }

    static Palette plain() {
        return new Palette(false);
    }

    static Palette coloured() {
        return new Palette(true);
    }

    String heading(String text) {
        return paint(BOLD, text);
    }

    /** Something that waits for a person, such as an approval. */
    String waiting(String text) {
        return paint(CYAN, text);
    }

    String error(String text) {
        return paint(RED, text);
    }

    /** A progress bar of {@link #BAR_WIDTH} cells with the count after it; red when something failed. */
    String bar(long done, long total, boolean failed) {
        int filled = total == 0 ? 0 : (int) (done * BAR_WIDTH / total);
        String count = " " + done + "/" + total;
        if (!colours) {
            return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]" + count;
        }
        String colour = failed ? RED : done == total ? GREEN : YELLOW;
        return paint(colour, "█".repeat(filled)) + paint(DIM, "░".repeat(BAR_WIDTH - filled)) + count;
    }

    /** A step's state as a short word, with its attempt when retried: {@code retry-wait#2}. */
    String step(Step step) {
        String word = step.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String text = step.attempt() > 1 ? word + "#" + step.attempt() : word;
        return switch (step.state()) {
            case SUCCEEDED -> paint(GREEN, text);
            case STARTED, RETRY_WAIT -> paint(YELLOW, text);
            case FAILED -> paint(RED, text);
            case PENDING, SKIPPED, UNKNOWN -> paint(DIM, text);
        };
    }

    String runState(RunState state) {
        return switch (state) {
            case SUCCEEDED -> paint(GREEN, state.name());
            case FAILED, ABORTED -> paint(RED, state.name());
            case RUNNING, PAUSED -> paint(YELLOW, state.name());
            case PENDING, UNKNOWN -> state.name();
        };
    }

    String phaseState(PhaseState state) {
        return switch (state) {
            case SUCCEEDED -> paint(GREEN, state.name());
            case FAILED, PARTIALLY_FAILED -> paint(RED, state.name());
            case RUNNING -> paint(YELLOW, state.name());
            case AWAITING_APPROVAL -> paint(CYAN, state.name());
            case PENDING, UNKNOWN -> paint(DIM, state.name());
        };
    }

    private String paint(String colour, String text) {
        return colours ? colour + text + RESET : text;
    }
}
