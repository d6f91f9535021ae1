package dev.ferry.deploy.kafka;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.deploy.domain.Clusters;
import dev.ferry.deploy.domain.DeployStepRunner;
import dev.ferry.deploy.domain.OncePerStep;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.compose.ComposeManifests;
import dev.ferry.deploy.traffic.kafka.TrafficShifts;
import dev.ferry.plan.action.Manifests;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.StepSuccesses;
import dev.ferry.runtime.StreamBindings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acts on {@code phase.started} records whose action is DEPLOY, ROLLBACK or MANIFESTS (and hands SHIFT_TRAFFIC to
 * {@link TrafficShifts}, whose steps outlast a poll): every service's step runs at once (so the write-back can batch
 * them), and each reports {@code deploy.synced} (a manifests step {@code step.succeeded}) or {@code step.failed}. The record's offset is
 * committed only after all results are acknowledged by the broker; a redelivered record runs no step twice.
 */
@Component(StreamBindings.PHASE_STARTED)
class PhaseStartedListener implements Consumer<PhaseStarted> {

    private static final Logger log = LoggerFactory.getLogger(PhaseStartedListener.class);

    private final StepHeartbeats heartbeats;
    private final DeployStepRunner runner;
    private final OncePerStep once;
    private final EventPublisher publisher;
    private final ResultEvents events;
    private final ExecutorService executor;
    private final Clusters clusters;
    private final TrafficShifts trafficShifts;
    private final ComposeManifests manifests;
    private final StepSuccesses successes;
    private final Clock clock;

    PhaseStartedListener(
            DeployStepRunner runner,
            OncePerStep once,
            EventPublisher publisher,
            MetadataFactory metadata,
            ExecutorService deployExecutor,
            Clusters clusters,
            StepHeartbeats heartbeats,
            TrafficShifts trafficShifts,
            ComposeManifests manifests,
            Clock clock) {
        this.runner = runner;
        this.manifests = manifests;
        this.successes = new StepSuccesses(metadata);
        this.clock = clock;
        this.trafficShifts = trafficShifts;
        this.heartbeats = heartbeats;
        this.once = once;
        this.publisher = publisher;
        this.events = new ResultEvents(metadata);
        this.executor = deployExecutor;
        this.clusters = clusters;
    }

    @Override
    public void accept(PhaseStarted event) {
        switch (event.getAction()) {
            case SHIFT_TRAFFIC -> trafficShifts.start(event);
            case DEPLOY, ROLLBACK -> runSteps(event, this::deploy);
            case MANIFESTS -> runSteps(event, this::manifests);
            default -> {
                // Another worker's action.
            }
        }
    }

    private void runSteps(PhaseStarted event, BiFunction<PhaseStarted, ServiceWork, SpecificRecord> step) {
        var steps = new ArrayList<CompletableFuture<Void>>();
        for (ServiceWork work : event.getServices()) {
            String stepId = StepRequests.stepId(event, work);
            if (!once.claim(stepId)) {
                log.info("step already taken, skipping redelivery step={} phase={}", stepId, event.getPhase());
                continue;
            }
            steps.add(CompletableFuture.supplyAsync(() -> run(event, work, step), executor)
                    .thenCompose(publisher::publish)
                    .whenComplete((ok, error) -> {
                        if (error == null) {
                            once.done(stepId);
                        } else {
                            once.release(stepId);
                        }
                    }));
        }
        // Waiting here keeps the offset uncommitted until every result is on the broker; a failure to publish throws,
        // and the runtime's error handler redelivers the record (released steps run again, idempotently).
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).join();
    }

    private SpecificRecord run(
            PhaseStarted event, ServiceWork work, BiFunction<PhaseStarted, ServiceWork, SpecificRecord> step) {
        // Following Argo CD may outlast the phase's timeout; the heartbeat tells the planner the step is alive.
        return heartbeats.whileRunning(event, work.getService(), () -> failingSafely(event, work, step));
    }

    private SpecificRecord manifests(PhaseStarted event, ServiceWork work) {
        var started = clock.instant();
        var request = ManifestsRequests.of(event, work);
        var result = manifests.run(request);
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(Manifests.MANIFESTS_COMMIT, result.commit().orElse(""));
        outputs.put(Manifests.MANIFEST_FILES, String.join(",", result.files()));
        outputs.put(
                Manifests.UNFAITHFUL,
                String.join(
                        "\n", result.unfaithful().stream().map(Object::toString).toList()));
        log.info(
                "manifests written service={} commit={} files={} unfaithful={}",
                work.getService(),
                result.commit().orElse("unchanged"),
                result.files().size(),
                result.unfaithful().size());
        return successes.of(event, work.getService(), outputs, Duration.between(started, clock.instant()));
    }

    private SpecificRecord deploy(PhaseStarted event, ServiceWork work) {
        var request = StepRequests.of(event, work, clusters.argocdNamespace(event.getEnvironment()));
        var result = runner.run(request);
        log.info(
                "step done service={} environment={} tag={} rollback={} commit={} durationMillis={}",
                work.getService(),
                request.change().environment(),
                request.change().version().tag(),
                request.change().rollback(),
                result.written().revision(),
                result.duration().toMillis());
        return events.synced(event, request, result);
    }

    private SpecificRecord failingSafely(
            PhaseStarted event, ServiceWork work, BiFunction<PhaseStarted, ServiceWork, SpecificRecord> step) {
        try {
            return step.apply(event, work);
        } catch (StepFailure failure) {
            log.warn(
                    "step failed service={} kind={} retryable={} reason={}",
                    work.getService(),
                    failure.kind(),
                    failure.retryable(),
                    Redaction.redact(failure.getMessage()));
            return events.failed(event, work.getService(), failure);
        } catch (RuntimeException unexpected) {
            log.error("step failed unexpectedly service={}", work.getService(), unexpected);
            return events.failed(
                    event,
                    work.getService(),
                    new StepFailure(
                            StepFailure.Kind.INTERNAL,
                            true,
                            "deploy-service failed unexpectedly for " + work.getService() + ": " + unexpected));
        }
    }
}
