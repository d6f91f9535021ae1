package dev.ferry.planner.app;

/**
 * Named places where a crash loses the most if the code is wrong. Production passes {@link #NONE}; the crash tests
 * make one of them fail the way a killed process would, then start the planner again.
 */
@FunctionalInterface
public interface CrashPoint {

    /** After an input's state change is written, before its transaction commits. */
    String BEFORE_COMMIT = "before-commit";
    /** After a transaction committed, before the relay publishes its events. */
    String BEFORE_RELAY = "before-relay";
    /** After the relay published a batch to Kafka, before Debezium is told the batch is done. */
    String AFTER_PUBLISH = "after-publish";

    CrashPoint NONE = where -> {};

    void reached(String where);
}
