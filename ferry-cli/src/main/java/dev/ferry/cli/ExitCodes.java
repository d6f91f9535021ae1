package dev.ferry.cli;

/** The exit codes of every ferry command, the same as picocli's defaults where they overlap. */
public final class ExitCodes {

    /** Done: the command was published and not rejected, or the run is fine. */
    public static final int OK = 0;

    /** The command was rejected, the run failed or was aborted, or something could not be reached. */
    public static final int FAILED = 1;

    /** The command line itself was wrong (picocli's usage error). */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
