package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.RollbackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry rollback ID --service S --environment E [--to-tag T]}. */
@Command(
        name = "rollback",
        description = "Roll one service back in one environment, to a given tag or to the one deployed before.")
public final class RollbackCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The migration ID.")
    String migrationId;

    @Option(names = "--service", required = true, paramLabel = "SERVICE", description = "The service to roll back.")
    String service;

    @Option(names = "--environment", required = true, paramLabel = "ENV", description = "Where to roll it back.")
    String environment;

    @Option(
            names = "--to-tag",
            paramLabel = "TAG",
            description = "The image tag to restore; default: the previously deployed one.")
    String toTag;

    public RollbackCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    String migrationId() {
        return migrationId;
    }

    @Override
    Object payload() {
        return RollbackService.newBuilder()
                .setService(requireText(service, "--service"))
                .setEnvironment(requireText(environment, "--environment"))
                .setToTag(optionalText(toTag, "--to-tag"))
                .build();
    }

    @Override
    void reportSent(MigrationCommand command) {
        var rollback = (RollbackService) command.getCommand();
        String to = rollback.getToTag() == null ? "the previously deployed tag" : "tag " + rollback.getToTag();
        env.out()
                .println("asked to roll " + rollback.getService() + " back to " + to + " in "
                        + rollback.getEnvironment() + " for migration " + migrationId + " (" + waited() + ")");
    }
}
