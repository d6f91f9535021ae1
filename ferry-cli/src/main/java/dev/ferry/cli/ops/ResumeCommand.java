package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.ResumeMigration;
import picocli.CommandLine.Command;

/** {@code ferry resume ID}. */
@Command(name = "resume", description = "Resume a paused run.")
public final class ResumeCommand extends RunCommand {

    public ResumeCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    Object payload() {
        return new ResumeMigration();
    }

    @Override
    String done() {
        return "asked to resume";
    }
}
