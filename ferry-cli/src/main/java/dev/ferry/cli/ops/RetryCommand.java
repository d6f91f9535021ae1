package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.RetryFailedSteps;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry retry ID [--phase P] [--service S...]}. */
@Command(name = "retry", description = "Retry failed steps: all of them, or only a phase's, or only some services'.")
public final class RetryCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The migration ID.")
    String migrationId;

    @Option(names = "--phase", paramLabel = "PHASE", description = "Only this phase's failed steps.")
    String phase;

    @Option(
            names = "--service",
            paramLabel = "SERVICE",
            split = ",",
            description = "Only these services' failed steps; repeatable or comma-separated.")
    List<String> services = new ArrayList<>();

    public RetryCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    String migrationId() {
        return migrationId;
    }

    @Override
    Object payload() {
        return RetryFailedSteps.newBuilder()
                .setPhase(optionalText(phase, "--phase"))
                .setServices(services.stream()
                        .map(service -> requireText(service, "--service"))
                        .distinct()
                        .toList())
                .build();
    }

    @Override
    void reportSent(MigrationCommand command) {
        var retry = (RetryFailedSteps) command.getCommand();
        String phases = retry.getPhase() == null ? "every phase" : "phase " + retry.getPhase();
        String which = retry.getServices().isEmpty() ? "every service" : String.join(", ", retry.getServices());
        env.out()
                .println("asked to retry the failed steps of " + phases + " for " + which + " in migration "
                        + migrationId + " (" + waited() + ")");
    }
}
