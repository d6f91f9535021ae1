package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.MigrationCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry approve ID --phase P [--environment E]}: lets a phase that waits for approval start. */
@Command(name = "approve", description = "Approve a phase that waits for approval (e.g. the deploy to prod).")
public final class ApproveCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The migration ID.")
    String migrationId;

    @Option(names = "--phase", required = true, paramLabel = "PHASE", description = "The phase to approve.")
    String phase;

    @Option(
            names = "--environment",
            paramLabel = "ENV",
            description = "Only this environment of the phase (for a phase that deploys to several).")
    String environment;

    public ApproveCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    String migrationId() {
        return migrationId;
    }

    @Override
    Object payload() {
        return ApprovePhase.newBuilder()
                .setPhase(requireText(phase, "--phase"))
                .setEnvironment(optionalText(environment, "--environment"))
                .build();
    }

    @Override
    void reportSent(MigrationCommand command) {
        var approval = (ApprovePhase) command.getCommand();
        String where = approval.getEnvironment() == null ? "" : " in " + approval.getEnvironment();
        env.out()
                .println("approved phase " + approval.getPhase() + where + " of migration " + migrationId + " ("
                        + waited() + ")");
    }
}
