package dev.ferry.cli.text;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code -o|--output} option of every command that prints data (a picocli mixin): text for people by default,
 * or the same data as JSON or YAML for scripts, printed by {@link DataOutput}.
 */
public final class OutputOption {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), json or yaml: the data for scripts (a command that follows a run prints"
                    + " one JSON line or YAML document per change).")
    DataOutput format = DataOutput.TEXT;

    public DataOutput format() {
        return format;
    }

    /** Whether the command prints data for a script rather than text for a person. */
    public boolean asData() {
        return format != DataOutput.TEXT;
    }

    /** Prints {@code data} as JSON or YAML; or, for text, what {@code asText} prints. */
    public void print(PrintWriter out, Object data, Runnable asText) {
        if (asData()) {
            format.print(out, data);
        } else {
            asText.run();
        }
    }
}
