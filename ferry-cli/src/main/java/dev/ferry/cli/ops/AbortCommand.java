package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.AbortMigration;
import picocli.CommandLine.Command;

/** {@code ferry abort ID}. */
@Command(name = "abort", description = "Abort a run for good: it never resumes.")
public final class AbortCommand extends RunCommand {

    public AbortCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    Object payload() {
        return new AbortMigration();
    }

    @Override
    String done() {
        return "asked to abort";
    }
}
