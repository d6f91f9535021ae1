package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.ResumeMigration;
import dev.ferry.contracts.avro.RetryFailedSteps;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.planner.domain.run.RunInput;
import java.util.List;

/** Reads an ops command (other than start) as the run input it stands for. */
final class Commands {

    private Commands() {}

    /**
     * @param issuer who issued it: from the verified token, or as declared when the planner trusts commands
     * @param roles the issuer's verified roles; null when commands are trusted as declared
     */
    static RunInput.Command input(MigrationCommand command, String issuer, List<String> roles) {
        String by = issuer + " (" + command.getIssuedBy().getChannel() + ")";
        return switch (command.getCommand()) {
            case ApprovePhase approve ->
                new RunInput.Approve(approve.getPhase(), approve.getEnvironment(), approve.getRole(), by, roles);
            case PauseMigration pause -> new RunInput.Pause(by, roles);
            case ResumeMigration resume -> new RunInput.Resume(by, roles);
            case AbortMigration abort -> new RunInput.Abort(by, roles);
            case RetryFailedSteps retry -> new RunInput.Retry(retry.getPhase(), retry.getServices(), by, roles);
            case RollbackService rollback ->
                new RunInput.Rollback(rollback.getService(), rollback.getEnvironment(), rollback.getToTag(), by, roles);
            default ->
                throw new IllegalArgumentException(
                        "unknown command " + command.getCommand().getClass().getSimpleName());
        };
    }

    /** The name people use for the command, as {@code command.rejected} reports it. */
    static String name(MigrationCommand command) {
        return switch (command.getCommand()) {
            case StartMigration start -> "start";
            case ApprovePhase approve -> "approve";
            case PauseMigration pause -> "pause";
            case ResumeMigration resume -> "resume";
            case AbortMigration abort -> "abort";
            case RetryFailedSteps retry -> "retry";
            case RollbackService rollback -> "rollback";
            default -> command.getCommand().getClass().getSimpleName();
        };
    }
}
