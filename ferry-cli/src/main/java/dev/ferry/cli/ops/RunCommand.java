package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.MigrationCommand;
import picocli.CommandLine.Parameters;

/** An ops command on a whole run that takes nothing but the run's ID: pause, resume, abort. */
abstract class RunCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The migration ID.")
    String migrationId;

    RunCommand(CliEnvironment env) {
        super(env);
    }

    /** Past tense for the report, e.g. "paused". */
    abstract String done();

    @Override
    String migrationId() {
        return migrationId;
    }

    @Override
    void reportSent(MigrationCommand command) {
        env.out().println(done() + " migration " + command.getMetadata().getMigrationId() + " (" + waited() + ")");
    }
}
