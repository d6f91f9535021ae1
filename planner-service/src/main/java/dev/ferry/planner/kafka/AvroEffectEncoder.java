package dev.ferry.planner.kafka;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.EventMetadata;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RollbackTiming;
import dev.ferry.contracts.avro.ServiceSummary;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.planner.app.Cause;
import dev.ferry.planner.app.EffectEncoder;
import dev.ferry.planner.app.OutboxMessage;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunEffect.ApprovalRequested;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunEffect.PhaseFinished;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.RunFinished;
import dev.ferry.planner.domain.run.RunEffect.StepCompleted;
import dev.ferry.planner.domain.run.RunEffect.StepTimedOut;
import dev.ferry.planner.domain.run.RunMetrics;
import dev.ferry.planner.github.GithubDelivery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Turns a run's effects into Ferry's Avro events, encoded for the outbox exactly as Kafka will carry them. */
public final class AvroEffectEncoder implements EffectEncoder {

    static final String PRODUCER = "planner-service";

    private final Serializer<SpecificRecord> serializer;
    private final MetadataFactory metadata;
    private final Clock clock;

    public AvroEffectEncoder(Serializer<SpecificRecord> serializer, Clock clock) {
        this.serializer = serializer;
        this.metadata = MetadataFactory.forProducer(PRODUCER, clock);
        this.clock = clock;
    }

    @Override
    public List<OutboxMessage> encode(
            MigrationRun run, Map<String, String> parameters, List<RunEffect> effects, Cause cause) {
        EventMetadata causeMetadata = causeMetadata(run.id(), cause);
        return effects.stream()
                // A dropped result is told in the planner's log and metrics; it is no event of the run.
                .filter(effect -> !(effect instanceof RunEffect.ResultDropped))
                .map(effect -> record(run, parameters, effect, metadata.causedBy(causeMetadata), cause))
                .flatMap(record -> bounded(record, causeMetadata).stream())
                .toList();
    }

    /**
     * The largest record the planner writes: under Kafka's default limit of 1 MB with room for headers and batch
     * overhead. A record over it would never leave the outbox.
     */
    static final int MAX_RECORD_BYTES = 900 * 1024;

    /**
     * The record as one message, or, for a phase.started too large for Kafka (thousands of services in one phase),
     * as several, each for a share of the services with an event id of its own: workers take each service's work on
     * its own, and the planner counts results per step, so nothing else changes. Any other record that large is an
     * error of the run's data, told with its size instead of blocking the outbox.
     */
    private List<OutboxMessage> bounded(SpecificRecord record, EventMetadata causeMetadata) {
        OutboxMessage message = message(record);
        if (message.payload().length <= MAX_RECORD_BYTES) {
            return List.of(message);
        }
        if (record instanceof PhaseStarted phase && phase.getServices().size() > 1) {
            int half = phase.getServices().size() / 2;
            var parts = new ArrayList<OutboxMessage>();
            for (var services : List.of(
                    phase.getServices().subList(0, half),
                    phase.getServices().subList(half, phase.getServices().size()))) {
                parts.addAll(bounded(
                        PhaseStarted.newBuilder(phase)
                                .setMetadata(metadata.causedBy(causeMetadata))
                                .setServices(List.copyOf(services))
                                .build(),
                        causeMetadata));
            }
            return parts;
        }
        throw new IllegalArgumentException(record.getSchema().getName() + " of run "
                + ((EventMetadata) record.get(
                                record.getSchema().getField("metadata").pos()))
                        .getMigrationId()
                + " would be " + message.payload().length + " bytes on Kafka, over the " + MAX_RECORD_BYTES
                + " bytes the planner writes");
    }

    @Override
    public OutboxMessage rejection(String migrationId, String commandType, String reason, Cause cause) {
        return message(
                rejected(metadata.causedBy(causeMetadata(migrationId, cause)), commandType, reason, null, cause));
    }

    /**
     * Kafka refuses records over its size limit (1 MB by default) and a refused record would hold up the relay; the
     * payload is kept whole in the planner's database, and the event then says where.
     */
    static final int MAX_PAYLOAD_CHARS = 512 * 1024;

    @Override
    public OutboxMessage webhook(GithubDelivery delivery) {
        String payload = delivery.payload().length() <= MAX_PAYLOAD_CHARS
                ? delivery.payload()
                : "{\"truncated\":true,\"size\":" + delivery.payload().length()
                        + ",\"storedIn\":\"planner github_delivery table\"}";
        return message(GithubWebhook.newBuilder()
                .setMetadata(metadata.first(""))
                .setEventType(delivery.eventType())
                .setDeliveryId(delivery.deliveryId())
                .setRepository(delivery.repository())
                .setRef(delivery.ref())
                .setHeadCommit(delivery.headCommit())
                .setAction(delivery.action())
                .setPayload(payload)
                .build());
    }

    private SpecificRecord record(
            MigrationRun run, Map<String, String> parameters, RunEffect effect, EventMetadata meta, Cause cause) {
        return switch (effect) {
            case PhaseStartRequested start ->
                PhaseStarted.newBuilder()
                        .setMetadata(meta)
                        .setPlanName(run.plan().name())
                        .setPhase(start.phase())
                        .setAction(WireActions.symbol(start.action()))
                        .setEnvironment(start.environment())
                        .setAttempt(start.attempt())
                        .setSettings(
                                start.settings() != null
                                        ? start.settings()
                                        : run.plan()
                                                .phase(start.phase())
                                                .map(PhaseDefinition::settings)
                                                .orElse(Map.of()))
                        .setTimeoutSeconds(run.plan()
                                .phase(start.phase())
                                .map(p -> p.timeout().toSeconds())
                                .orElse(null))
                        .setApprovedBy(run.approvedBy(start.phase()).orElse(null))
                        .setServices(start.services().stream()
                                .map(s -> ServiceWorkMapping.work(
                                        run.plan(), s.service(), start.environment(), s.prior(), parameters, List.of()))
                                .toList())
                        .build();
            case ApprovalRequested request ->
                PhaseStarted.newBuilder()
                        .setMetadata(meta)
                        .setPlanName(run.plan().name())
                        .setPhase(request.phase())
                        .setAction(PhaseAction.GATE)
                        .setEnvironment(request.environment())
                        .setAttempt(1)
                        .setServices(request.services().stream()
                                .map(s -> ServiceWorkMapping.work(
                                        run.plan(),
                                        s.service(),
                                        request.environment(),
                                        s.prior(),
                                        parameters,
                                        request.checklist()))
                                .toList())
                        .build();
            case PhaseFinished finished ->
                PhaseCompleted.newBuilder()
                        .setMetadata(meta)
                        .setPhase(finished.phase())
                        .setAction(WireActions.symbol(finished.action()))
                        .setEnvironment(finished.environment())
                        .setOutcome(PhaseOutcome.valueOf(finished.outcome().name()))
                        .setServicesSucceeded(finished.succeeded())
                        .setServicesFailed(finished.failed())
                        .setDurationMillis(finished.duration().toMillis())
                        .setApprovedBy(run.approvedBy(finished.phase()).orElse(null))
                        .build();
            case StepCompleted completed -> StepEvents.succeeded(run, completed, meta);
            case StepTimedOut timedOut -> StepEvents.timedOut(timedOut, meta);
            case RunFinished finished ->
                MigrationFinished.newBuilder()
                        .setMetadata(meta)
                        .setPlanName(run.plan().name())
                        .setOutcome(MigrationOutcome.valueOf(finished.outcome().name()))
                        .setServices(finished.metrics().services().stream()
                                .map(AvroEffectEncoder::summary)
                                .toList())
                        .setDeploySuccessRate(finished.metrics().deploySuccessRate())
                        .setDurationMillis(finished.duration().toMillis())
                        .build();
            case RunEffect.ResultDropped dropped ->
                throw new IllegalArgumentException("a dropped result is not published: " + dropped);
            case CommandRefused refused ->
                rejected(
                        meta,
                        refused.command(),
                        refused.reason(),
                        refused.state().name(),
                        cause);
        };
    }

    private static ServiceSummary summary(RunMetrics.ServiceMetrics service) {
        Duration lead = service.leadTime();
        return ServiceSummary.newBuilder()
                .setService(service.service())
                .setLeadTimeMillis(lead == null ? null : lead.toMillis())
                .setDeploysAttempted(service.deploysAttempted())
                .setDeploysSucceeded(service.deploysSucceeded())
                .setRollbacks(service.rollbacks().stream()
                        .map(r ->
                                new RollbackTiming(r.environment(), r.duration().toMillis()))
                        .toList())
                .build();
    }

    private static CommandRejected rejected(
            EventMetadata meta, String commandType, String reason, String state, Cause cause) {
        Cause.Issuer issuer = cause.issuedBy() == null ? new Cause.Issuer("unknown", "unknown") : cause.issuedBy();
        return CommandRejected.newBuilder()
                .setMetadata(meta)
                .setCommandId(UUID.fromString(cause.eventId()))
                .setCommandType(commandType)
                .setIssuedBy(new Actor(issuer.name(), issuer.channel()))
                .setReason(reason)
                .setMigrationState(state)
                .build();
    }

    /** A command the HTTP command API took from an authenticated caller, for the relay to put on its topic. */
    public OutboxMessage command(MigrationCommand command) {
        return message(command);
    }

    private OutboxMessage message(SpecificRecord record) {
        Topic<?> topic = Topics.carrying(record.getClass());
        EventMetadata meta = (EventMetadata)
                record.get(record.getSchema().getField("metadata").pos());
        return new OutboxMessage(
                meta.getEventId(),
                topic.name(),
                topic.keyForRecord(record),
                serializer.serialize(topic.name(), record));
    }

    /** The handled command or event as the cause of what it leads to: same migration, its trace carried on. */
    private EventMetadata causeMetadata(String migrationId, Cause cause) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.fromString(cause.eventId()))
                .setMigrationId(migrationId)
                .setOccurredAt(clock.instant())
                .setProducer(PRODUCER)
                .setTraceparent(cause.traceparent())
                .build();
    }
}
