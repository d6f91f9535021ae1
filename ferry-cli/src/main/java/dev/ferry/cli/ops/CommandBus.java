package dev.ferry.cli.ops;

import dev.ferry.contracts.avro.MigrationCommand;
import java.time.Duration;
import java.util.Optional;

/** Where ops commands go: publishes one and tells whether the planner rejected it within a short wait. */
public interface CommandBus extends AutoCloseable {

    /**
     * Publishes {@code command} keyed by its migration id, then watches for a rejection whose command id is the
     * command's event id for at most {@code waitForRejection}.
     *
     * @return the rejection, or empty when none came within the wait (the planner accepted the command or has not
     *     read it yet)
     */
    Optional<Rejection> publish(MigrationCommand command, Duration waitForRejection);

    @Override
    void close();

    /** The planner's answer to a command that did not apply in the run's state. */
    record Rejection(String commandType, String reason, String migrationState) {}
}
