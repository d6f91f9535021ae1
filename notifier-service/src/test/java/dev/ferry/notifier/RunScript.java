package dev.ferry.notifier;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.Actor;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.RollbackTiming;
import dev.ferry.contracts.avro.ServiceSummary;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.SyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * A whole FitSync-like run as the other services would emit it: split, build (one failure), a prod approval gate,
 * deploy, a rollback, a rejected command and the finish. 18 events; 14 thread replies and 3 alerts (the failure, the approval, the failed finish).
 */
final class RunScript {

    static final int THREAD_REPLIES = 14;
    static final int ALERTS = 3;

    final String migrationId = "m-" + UUID.randomUUID().toString().substring(0, 8);
    final List<SpecificRecord> events;
    /** Each event a second after the one before, as a run's events are produced one in reaction to another. */
    private final MetadataFactory metadata = MetadataFactory.forProducer("test", new TickingClock());

    RunScript() {
        var all = new ArrayList<SpecificRecord>();
        all.add(phase("split", PhaseAction.SPLIT, null, "user-service", "api-gateway"));
        all.add(split("user-service"));
        all.add(split("api-gateway"));
        all.add(completed("split", PhaseAction.SPLIT, null, List.of("user-service", "api-gateway"), List.of()));
        all.add(phase("build", PhaseAction.BUILD, null, "user-service", "api-gateway"));
        all.add(pushed("user-service"));
        all.add(failed("api-gateway", "Dockerfile not found at services/api-gateway/Dockerfile"));
        all.add(completed("build", PhaseAction.BUILD, null, List.of("user-service"), List.of("api-gateway")));
        all.add(phase("approve-prod", PhaseAction.GATE, "prod", "user-service"));
        all.add(completed("approve-prod", PhaseAction.GATE, "prod", List.of("user-service"), List.of()));
        all.add(phase("deploy-prod", PhaseAction.DEPLOY, "prod", "user-service"));
        all.add(synced("deploy-prod", "user-service", false));
        all.add(completed("deploy-prod", PhaseAction.DEPLOY, "prod", List.of("user-service"), List.of()));
        all.add(phase("rollback-prod", PhaseAction.ROLLBACK, "prod", "user-service"));
        all.add(synced("rollback-prod", "user-service", true));
        all.add(completed("rollback-prod", PhaseAction.ROLLBACK, "prod", List.of("user-service"), List.of()));
        all.add(rejected());
        all.add(finished());
        events = List.copyOf(all);
    }

    private PhaseStarted phase(String phase, PhaseAction action, String env, String... services) {
        return PhaseStarted.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPlanName("fitsync")
                .setPhase(phase)
                .setAction(action)
                .setEnvironment(env)
                .setServices(
                        java.util.Arrays.stream(services).map(RunScript::work).toList())
                .build();
    }

    private static ServiceWork work(String service) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("git@example.com:fitsync/mono.git", "main", "services/" + service, null))
                .setPrior(PriorResults.newBuilder().build())
                .build();
    }

    private RepoSplit split(String service) {
        return new RepoSplit(
                metadata.first(migrationId), "split", service, 1, "mono", "a1", service + ".git", "b2", 10L, 4L, 0, 5L);
    }

    private ImagePushed pushed(String service) {
        return ImagePushed.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPhase("build")
                .setService(service)
                .setImageReference("reg/fitsync-ecr@sha256:1")
                .setDigest("sha256:1")
                .setTags(List.of(service + "-b2"))
                .setSizeBytes(1L)
                .setLayersUploaded(1)
                .setLayersReused(0)
                .setBytesUploaded(1L)
                .setDurationMillis(1L)
                .build();
    }

    private StepFailed failed(String service, String reason) {
        return StepFailed.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPhase("build")
                .setService(service)
                .setAction(PhaseAction.BUILD)
                .setAttempt(1)
                .setErrorKind(ErrorKind.NOT_FOUND)
                .setReason(reason)
                .setRetryable(false)
                .build();
    }

    private PhaseCompleted completed(
            String phase, PhaseAction action, String env, List<String> ok, List<String> failed) {
        return PhaseCompleted.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPhase(phase)
                .setAction(action)
                .setEnvironment(env)
                .setOutcome(failed.isEmpty() ? PhaseOutcome.SUCCEEDED : PhaseOutcome.PARTIALLY_FAILED)
                .setServicesSucceeded(ok)
                .setServicesFailed(failed)
                .setDurationMillis(61_000L)
                .build();
    }

    private DeploySynced synced(String phase, String service, boolean rollback) {
        return DeploySynced.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPhase(phase)
                .setService(service)
                .setEnvironment("prod")
                .setImageTag(rollback ? service + "-a0" : service + "-b2")
                .setSyncStatus(SyncStatus.SYNCED)
                .setHealth(HealthStatus.HEALTHY)
                .setRollback(rollback)
                .setDurationMillis(1L)
                .build();
    }

    private CommandRejected rejected() {
        return CommandRejected.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setCommandId(UUID.randomUUID())
                .setCommandType("ApprovePhase")
                .setIssuedBy(new Actor("alice", "cli"))
                .setReason("phase approve-prod is not waiting for approval")
                .build();
    }

    private MigrationFinished finished() {
        return MigrationFinished.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPlanName("fitsync")
                .setOutcome(MigrationOutcome.FAILED)
                .setServices(List.of(
                        new ServiceSummary("user-service", 125_000L, 2, 2, List.of(new RollbackTiming("prod", 9_000L))),
                        new ServiceSummary("api-gateway", null, 0, 0, List.of())))
                .setDeploySuccessRate(1.0)
                .setDurationMillis(300_000L)
                .build();
    }

    /** A clock one second further on each time it is read. */
    private static final class TickingClock extends Clock {

        private Instant now = Instant.now().minus(Duration.ofHours(1));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }

    static String eventId(SpecificRecord event) {
        var metadata = (dev.ferry.contracts.avro.EventMetadata)
                event.get(event.getSchema().getField("metadata").pos());
        return metadata.getEventId().toString();
    }
}
