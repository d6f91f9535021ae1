package dev.ferry.cli;

/**
 * A failure the person at the terminal can act on: its message says what went wrong, where (which address, file or
 * run) and what to do. The CLI prints the message alone, without a stack trace, and exits with code 1.
 */
public final class CliFailure extends RuntimeException {

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
