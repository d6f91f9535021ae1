package dev.ferry.notifier.kafka;

import dev.ferry.notifier.dispatch.RunLedger;
import dev.ferry.notifier.domain.Backoff;
import dev.ferry.notifier.domain.MigrationEvent;
import dev.ferry.notifier.domain.StateNotSaved;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes every migration event the notifier tells people about into the run's state. Only saves state here; posting
 * happens on the courier's thread, so the listener never waits for Slack. One listener for all topics keeps a run's
 * events in one thread, in the order they are read.
 */
@Component("notifications")
class NotifierListener implements Consumer<SpecificRecord> {

    static final String TOPICS = "phase.started, repo.split, image.pushed, deploy.synced, step.succeeded, step.failed, "
            + "phase.completed, migration.finished, command.rejected, step.progress (a traffic shift's steps)";

    private static final Logger log = LoggerFactory.getLogger(NotifierListener.class);

    private final RunLedger ledger;
    private final Backoff backoff;
    private volatile boolean stopping;

    NotifierListener(RunLedger ledger, Backoff backoff) {
        this.ledger = ledger;
        this.backoff = backoff;
    }

    /** Bound to every topic of {@link #TOPICS} (application.yml, {@code notifications-in-0}), in one thread. */
    @Override
    public void accept(SpecificRecord record) {
        if (!EventMapping.told(record)) {
            return;
        }
        MigrationEvent event = EventMapping.toDomain(record);
        boolean fresh = takeIn(event);
        log.info(
                "event taken in type={} eventId={} duplicate={}",
                event.getClass().getSimpleName(),
                event.ref().eventId(),
                !fresh);
    }

    /**
     * A state that cannot be saved is not the event's fault: it is tried again, waiting longer each time, until the
     * state topic takes it, rather than sent to the dead-letter topic after the runtime's few attempts. Only when the
     * service stops is the failure passed on; the offset is then not committed and the event is read again after the
     * restart.
     */
    private boolean takeIn(MigrationEvent event) {
        for (int failures = 1; ; failures++) {
            try {
                return ledger.accept(event);
            } catch (StateNotSaved notSaved) {
                if (stopping) {
                    throw notSaved;
                }
                Duration wait = backoff.after(failures);
                log.warn(
                        "state not saved, taking the event in again later eventId={} waitMillis={} failures={}"
                                + " reason=\"{}\"",
                        event.ref().eventId(),
                        wait.toMillis(),
                        failures,
                        notSaved.getMessage());
                pause(wait, notSaved);
            }
        }
    }

    private static void pause(Duration wait, StateNotSaved notSaved) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notSaved;
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
