package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.PauseMigration;
import picocli.CommandLine.Command;

/** {@code ferry pause ID}. */
@Command(name = "pause", description = "Pause a run: nothing new starts, running steps finish.")
public final class PauseCommand extends RunCommand {

    public PauseCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    Object payload() {
        return new PauseMigration();
    }

    @Override
    String done() {
        return "asked to pause";
    }
}
