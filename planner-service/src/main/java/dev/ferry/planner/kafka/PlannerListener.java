package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.StartMigration;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.plan.action.Run;
import dev.ferry.planner.app.Cause;
import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.app.RunCoordinator.Handling;
import dev.ferry.planner.domain.run.Permissions;
import dev.ferry.planner.security.CommandIssuers;
import dev.ferry.planner.security.CommandTokens.Verdict;
import dev.ferry.runtime.RecordLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The planner's Kafka edge: ops commands and the workers' result events, each handed to the run it belongs to. The
 * offset is committed only after the run's change is stored, and a redelivered event is dropped by its id.
 */
public final class PlannerListener {

    private static final Logger log = LoggerFactory.getLogger(PlannerListener.class);
    private static final String LISTENER_ID = "planner";
    private static final String GROUP_ID = "planner-service";
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(PlannerListener.class);

    private final RunCoordinator coordinator;
    private final LiveOutput liveOutput;

    private final CommandIssuers issuers;
    private final Counter unauthenticated;

    private final RecordSpans spans;

    public PlannerListener(
            RunCoordinator coordinator,
            LiveOutput liveOutput,
            CommandIssuers issuers,
            MeterRegistry registry,
            RecordSpans spans) {
        this.spans = spans;
        this.coordinator = coordinator;
        this.liveOutput = liveOutput;
        this.issuers = issuers;
        this.unauthenticated = Counter.builder("ferry.commands.unauthenticated")
                .description("commands refused because their token was missing, expired, forged or unverifiable")
                .register(registry);
    }

    /**
     * One poll at a time, stored in one transaction: committing once per poll instead of once per event is what lets
     * the planner keep up with hundreds of workers answering at once. A record that cannot be decoded or handled ends
     * the batch there: the records before it are committed, and the error handler retries or dead-letters it alone.
     */
    @KafkaListener(
            id = LISTENER_ID,
            groupId = GROUP_ID,
            batch = "true",
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
    void onRecords(List<ConsumerRecord<String, SpecificRecord>> records) {
        BatchListenerFailedException failed;
        try {
            failed = coordinator.inOneTransaction(eventIds(records), () -> handleUntilAFailure(records));
        } catch (RuntimeException storeFailure) {
            // Nothing of the poll was stored: the first record is retried (patiently, when the store is away).
            throw new BatchListenerFailedException("the poll could not be stored", storeFailure, 0);
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static List<String> eventIds(List<ConsumerRecord<String, SpecificRecord>> records) {
        return records.stream()
                .filter(record -> record.value() != null)
                .map(record -> metadata(record.value()).getEventId().toString())
                .toList();
    }

    /** Handles the records in order; the failure of the first one that cannot be handled, or null. */
    private BatchListenerFailedException handleUntilAFailure(List<ConsumerRecord<String, SpecificRecord>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, SpecificRecord> record = records.get(i);
            if (record.value() == null) {
                DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(
                        record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
                return new BatchListenerFailedException("undecodable record", undecodable, i);
            }
            try {
                spans.received(record, () -> onRecord(record));
            } catch (RuntimeException failure) {
                return new BatchListenerFailedException(failure.getMessage(), failure, i);
            }
        }
        return null;
    }

    private void onRecord(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        EventMetadata meta = metadata(value);
        if (value instanceof StepProgress progress
                && Run.OUTPUT_LINES.equals(progress.getUnit())
                && progress.getMessage() != null) {
            liveOutput.printed(
                    meta.getMigrationId(), progress.getPhase(), progress.getService(), progress.getMessage());
        }
        if (value instanceof StepProgress progress && progress.getPercent() != null) {
            liveOutput.progressed(
                    meta.getMigrationId(), progress.getPhase(), progress.getService(), progress.getPercent());
        }
        // A batch listener gets no record interceptor: the log context is opened here, record by record.
        RecordLogContext.open(value);
        try {
            Handling handling =
                    switch (value) {
                        case MigrationCommand command -> command(command);
                        // The planner's own step.succeeded (a wait) and step.failed (a timeout) were applied when it
                        // wrote them; read back, a timeout would fail the retry that already started.
                        default ->
                            fromThisPlanner(value)
                                    ? Handling.IGNORED
                                    : WorkerReports.input(value)
                                            .map(input ->
                                                    coordinator.handle(meta.getMigrationId(), input, cause(meta, null)))
                                            .orElse(Handling.UNKNOWN_RUN);
                    };
            log.info(
                    "event=handled topic={} handling={} type={}",
                    record.topic(),
                    handling,
                    value.getClass().getSimpleName());
        } finally {
            RecordLogContext.close();
        }
    }

    private Handling command(MigrationCommand command) {
        EventMetadata meta = command.getMetadata();
        String channel = command.getIssuedBy().getChannel();
        Verdict verdict = issuers.identify(command);
        if (verdict instanceof Verdict.Refused refused) {
            unauthenticated.increment();
            log.warn("command {} refused: {}", meta.getEventId(), refused.reason());
            var claimed = new Cause.Issuer(command.getIssuedBy().getName(), channel + ", unverified");
            return coordinator.refuse(
                    meta.getMigrationId(), Commands.name(command), refused.reason(), cause(meta, claimed));
        }
        var issuer = (Verdict.Verified) verdict;
        Cause cause = cause(meta, new Cause.Issuer(issuer.name(), channel, issuer.roles()));
        if (command.getCommand() instanceof StartMigration start) {
            Optional<String> refusal = Permissions.refusalToStart(issuer.name(), issuer.roles());
            if (refusal.isPresent()) {
                return coordinator.refuse(meta.getMigrationId(), "start", refusal.get(), cause);
            }
            return coordinator.start(
                    meta.getMigrationId(),
                    start.getPlanName(),
                    start.getPlanDocument(),
                    Map.copyOf(start.getParameters()),
                    cause);
        }
        return coordinator.handle(meta.getMigrationId(), Commands.input(command, issuer.name(), issuer.roles()), cause);
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
