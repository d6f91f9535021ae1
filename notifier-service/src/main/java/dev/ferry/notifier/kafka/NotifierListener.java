package dev.ferry.notifier.kafka;

import dev.ferry.notifier.dispatch.RunLedger;
import dev.ferry.notifier.domain.MigrationEvent;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes every migration event the notifier tells people about into the run's state. Only saves state here; posting
 * happens on the courier's thread, so the listener never waits for Slack. One listener for all topics keeps a run's
 * events in one thread, in the order they are read.
 */
@Component
class NotifierListener {

    static final String TOPICS = "phase.started, repo.split, image.pushed, deploy.synced, step.failed, "
            + "phase.completed, migration.finished, command.rejected";

    private static final Logger log = LoggerFactory.getLogger(NotifierListener.class);

    private final RunLedger ledger;

    NotifierListener(RunLedger ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(
            id = "notifier",
            groupId = "${spring.kafka.consumer.group-id:notifier-service}",
            topics = {
                "#{T(dev.ferry.contracts.Topics).PHASE_STARTED.name()}",
                "#{T(dev.ferry.contracts.Topics).REPO_SPLIT.name()}",
                "#{T(dev.ferry.contracts.Topics).IMAGE_PUSHED.name()}",
                "#{T(dev.ferry.contracts.Topics).DEPLOY_SYNCED.name()}",
                "#{T(dev.ferry.contracts.Topics).STEP_FAILED.name()}",
                "#{T(dev.ferry.contracts.Topics).PHASE_COMPLETED.name()}",
                "#{T(dev.ferry.contracts.Topics).MIGRATION_FINISHED.name()}",
                "#{T(dev.ferry.contracts.Topics).COMMAND_REJECTED.name()}"
            })
    void on(SpecificRecord record) {
        MigrationEvent event = EventMapping.toDomain(record);
        boolean fresh = ledger.accept(event);
        log.info(
                "event taken in type={} eventId={} duplicate={}",
                event.getClass().getSimpleName(),
                event.ref().eventId(),
                !fresh);
    }
}
