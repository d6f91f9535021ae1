package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.planner.app.Cause;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.app.RunCoordinator.Handling;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The planner's Kafka edge: ops commands and the workers' result events, each handed to the run it belongs to. The
 * offset is committed only after the run's change is stored, and a redelivered event is dropped by its id.
 */
public final class PlannerListener {

    private static final Logger log = LoggerFactory.getLogger(PlannerListener.class);

    private final RunCoordinator coordinator;

    public PlannerListener(RunCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @KafkaListener(
            id = "planner",
            groupId = "planner-service",
            topics = {
                "migration.commands",
                "repo.split",
                "repo.archived",
                "image.pushed",
                "deploy.synced",
                "step.succeeded",
                "step.failed",
                "step.progress"
            })
    void onRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        Handling handling =
                switch (value) {
                    case MigrationCommand command -> command(command);
                    // The planner's own step.succeeded (a wait) and step.failed (a timeout) were applied when it
                    // wrote them; read back, a timeout would fail the retry that already started.
                    default ->
                        fromThisPlanner(value)
                                ? Handling.IGNORED
                                : WorkerReports.input(value)
                                        .map(input -> {
                                            EventMetadata meta = metadata(value);
                                            return coordinator.handle(meta.getMigrationId(), input, cause(meta, null));
                                        })
                                        .orElse(Handling.UNKNOWN_RUN);
                };
        log.info(
                "event=handled topic={} handling={} type={}",
                record.topic(),
                handling,
                value.getClass().getSimpleName());
    }

    private Handling command(MigrationCommand command) {
        EventMetadata meta = command.getMetadata();
        var issuer = new Cause.Issuer(
                command.getIssuedBy().getName(), command.getIssuedBy().getChannel());
        Cause cause = cause(meta, issuer);
        if (command.getCommand() instanceof StartMigration start) {
            return coordinator.start(
                    meta.getMigrationId(),
                    start.getPlanName(),
                    start.getPlanDocument(),
                    Map.copyOf(start.getParameters()),
                    cause);
        }
        return coordinator.handle(meta.getMigrationId(), Commands.input(command), cause);
    }

    private static Cause cause(EventMetadata meta, Cause.Issuer issuer) {
        return new Cause(meta.getEventId().toString(), meta.getTraceparent(), issuer);
    }

    private static boolean fromThisPlanner(SpecificRecord record) {
        return metadata(record).getProducer().startsWith(AvroEffectEncoder.PRODUCER);
    }

    private static EventMetadata metadata(SpecificRecord record) {
        return (EventMetadata)
                record.get(record.getSchema().getField("metadata").pos());
    }
}
