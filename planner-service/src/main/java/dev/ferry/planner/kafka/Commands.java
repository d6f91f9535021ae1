package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.AbortMigration;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.ResumeMigration;
import dev.ferry.contracts.avro.RetryFailedSteps;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.planner.domain.run.RunInput;

/** Reads an ops command (other than start) as the run input it stands for. */
final class Commands {

    private Commands() {}

    static RunInput.Command input(MigrationCommand command) {
        String by =
                command.getIssuedBy().getName() + " (" + command.getIssuedBy().getChannel() + ")";
        return switch (command.getCommand()) {
            case ApprovePhase approve -> new RunInput.Approve(approve.getPhase(), approve.getEnvironment(), by);
            case PauseMigration pause -> new RunInput.Pause(by);
            case ResumeMigration resume -> new RunInput.Resume(by);
            case AbortMigration abort -> new RunInput.Abort(by);
            case RetryFailedSteps retry -> new RunInput.Retry(retry.getPhase(), retry.getServices(), by);
            case RollbackService rollback ->
                new RunInput.Rollback(rollback.getService(), rollback.getEnvironment(), rollback.getToTag(), by);
            default ->
                throw new IllegalArgumentException(
                        "unknown command " + command.getCommand().getClass().getSimpleName());
        };
    }
}
