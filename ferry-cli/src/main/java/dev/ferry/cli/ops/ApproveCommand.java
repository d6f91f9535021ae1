package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.MigrationCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry approve ID --phase P [--environment E] [--role R]}: lets a phase that waits for approval start, or gives
 * one of the sign-offs by role a phase lists.
 */
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

    @Option(
            names = "--role",
            paramLabel = "ROLE",
            description = "The role you sign off as, for a phase that needs sign-offs by several roles"
                    + " (e.g. developer, tech-lead, devops).")
    String role;

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
                .setRole(optionalText(role, "--role"))
                .build();
    }

    @Override
    void reportSent(MigrationCommand command) {
        var approval = (ApprovePhase) command.getCommand();
        String where = (approval.getEnvironment() == null ? "" : " in " + approval.getEnvironment())
                + (approval.getRole() == null ? "" : " as " + approval.getRole());
        env.out()
                .println("approved phase " + approval.getPhase() + where + " of migration " + migrationId + " ("
                        + waited() + ")");
    }
}
