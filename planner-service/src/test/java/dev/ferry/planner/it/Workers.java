package dev.ferry.planner.it;

import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceArchived;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.SyncStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * Stand-ins for repo-, build- and deploy-service that answer every {@code phase.started} of one run at once, the way
 * the real workers report: one result event per service. A step named in {@code failOnce} fails (retryable) the
 * first time.
 */
final class Workers {
    private final Bus bus;
    private final String migrationId;
    private final Set<String> failOnce;
    private final Set<String> answered = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private Predicate<PhaseStarted> held = started -> false;

    Workers(Bus bus, String migrationId, Set<String> failOnce) {
        this.bus = bus;
        this.migrationId = migrationId;
        this.failOnce = failOnce;
    }

    /** Leaves the requests this matches unanswered for now (a slow worker), or for good (a lost request). */
    Workers holding(Predicate<PhaseStarted> hold) {
        this.held = hold;
        return this;
    }

    /** Keeps reading the bus and answering until the run ends; returns how it ended. */
    MigrationFinished answerUntilFinished() {
        Predicate<MigrationFinished> ofThisRun =
                finished -> finished.getMetadata().getMigrationId().equals(migrationId);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            bus.poll();
            answer();
            return !bus.seen(MigrationFinished.class, ofThisRun).isEmpty();
        });
        return bus.seen(MigrationFinished.class, ofThisRun).getFirst();
    }

    /** Answers every phase.started seen so far that was not answered yet and is not held. */
    void answer() {
        for (PhaseStarted started : bus.seen(
                PhaseStarted.class, p -> p.getMetadata().getMigrationId().equals(migrationId))) {
            if (held.test(started)
                    || !answered.add(started.getMetadata().getEventId().toString())) {
                continue;
            }
            for (ServiceWork work : started.getServices()) {
                result(started, work).forEach(bus::publish);
            }
        }
    }

    private List<SpecificRecord> result(PhaseStarted started, ServiceWork work) {
        var meta = Bus.WORKERS.causedBy(started.getMetadata());
        String service = work.getService();
        String step = started.getPhase() + "/" + service;
        if (failOnce.contains(step) && failed.add(step)) {
            return List.of(new StepFailed(
                    meta,
                    started.getPhase(),
                    service,
                    started.getAction(),
                    started.getAttempt(),
                    ErrorKind.UNREACHABLE,
                    "registry unreachable",
                    true,
                    null,
                    null));
        }
        return switch (started.getAction()) {
            case SPLIT ->
                List.of(new RepoSplit(
                        meta,
                        started.getPhase(),
                        service,
                        started.getAttempt(),
                        "/src/mono.git",
                        "a".repeat(40),
                        "/targets/" + service + ".git",
                        "b" + Integer.toHexString(service.hashCode()),
                        100L,
                        10L,
                        0,
                        5L));
            case BUILD ->
                List.of(ImagePushed.newBuilder()
                        .setMetadata(meta)
                        .setPhase(started.getPhase())
                        .setService(service)
                        .setAttempt(started.getAttempt())
                        .setImageReference("localhost:5000/shop@sha256:" + service)
                        .setDigest("sha256:" + service)
                        .setTags(List.of(service + "-" + work.getPrior().getSplitCommit(), service + "-latest"))
                        .setSizeBytes(1)
                        .setLayersUploaded(1)
                        .setLayersReused(0)
                        .setBytesUploaded(1)
                        .setDurationMillis(5)
                        .build());
            case DEPLOY, ROLLBACK ->
                List.of(DeploySynced.newBuilder()
                        .setMetadata(meta)
                        .setPhase(started.getPhase())
                        .setService(service)
                        .setAttempt(started.getAttempt())
                        .setEnvironment(started.getEnvironment())
                        .setImageTag(
                                started.getAction() == PhaseAction.ROLLBACK
                                        ? work.getPrior().getDeployedTag()
                                        : work.getPrior().getImageTag())
                        .setGitopsCommit("c0ffee")
                        .setSyncStatus(SyncStatus.NOT_TRACKED)
                        .setHealth(HealthStatus.NOT_TRACKED)
                        .setRollback(started.getAction() == PhaseAction.ROLLBACK)
                        .setMessage("committed to GitOps; no cluster configured to sync")
                        .setDurationMillis(5)
                        .build());
            case ARCHIVE ->
                List.of(new SourceArchived(
                        meta,
                        started.getPhase(),
                        service,
                        started.getAttempt(),
                        "/src/mono.git",
                        "main",
                        "d".repeat(40),
                        false,
                        5L));
            default -> List.of();
        };
    }
}
