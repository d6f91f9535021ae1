package dev.ferry.build.kafka;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.job.JobRequest;
import dev.ferry.build.domain.job.JobWorkflow;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.TracedExecutors;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code phase.started} with action RUN (handed over by {@link PhaseStartedListener}, build-service's one
 * consumer of the topic): runs each service's job on a pool of its own (a job may take longer than Kafka lets a
 * listener hold a record) and reports {@code step.succeeded} or {@code step.failed}. While a job
 * runs, its output goes out as {@code step.progress} and heartbeats tell the planner it is alive.
 *
 * <p>A {@code phase.started} delivered again while its job runs finds it by the job's name and starts nothing; one
 * delivered again after its job was answered is skipped (remembered in memory, bounded). A job running when
 * build-service stops is lost with it (its offset was committed when the job was handed to the pool);
 * the planner fails the step at its deadline, with no heartbeat since, and retries it under the phase's policy.
 */
public final class JobSteps implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobSteps.class);
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final JobWorkflow workflow;
    private final EventPublisher publisher;
    private final BuildEvents events;
    private final StepHeartbeats heartbeats;
    private final Function<String, Optional<String>> secrets;
    private final ExecutorService jobs;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("job-output").unstarted(r));
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final HandledWork answered = new HandledWork(10_000);

    /**
     * @param secrets a credential's value by its reference
     * @param concurrency how many jobs run at once; more wait their turn
     */
    public JobSteps(
            JobWorkflow workflow,
            EventPublisher publisher,
            BuildEvents events,
            StepHeartbeats heartbeats,
            Function<String, Optional<String>> secrets,
            int concurrency) {
        this.workflow = workflow;
        this.publisher = publisher;
        this.events = events;
        this.heartbeats = heartbeats;
        this.secrets = secrets;
        // Each job runs in the trace of the request that started it.
        this.jobs = TracedExecutors.inSubmittersContext(Executors.newFixedThreadPool(
                concurrency, r -> Thread.ofPlatform().name("job-", 0).unstarted(r)));
    }

    /** Starts the job of each service of a RUN phase, or finds it running. */
    void start(PhaseStarted phase) {
        for (ServiceWork work : phase.getServices()) {
            start(phase, work);
        }
    }

    private void start(PhaseStarted phase, ServiceWork work) {
        String service = work.getService();
        String eventId = phase.getMetadata().getEventId().toString();
        if (answered.wasHandled(eventId, service)) {
            log.info(
                    "job already answered, phase.started delivered again phase={} service={}",
                    phase.getPhase(),
                    service);
            return;
        }
        JobRequest request;
        try {
            request = JobWorkMapping.request(phase, work, secrets);
        } catch (BuildFailure failure) {
            log.warn("job refused service={} kind={} reason={}", service, failure.kind(), failure.reason());
            Publishing.andWait(publisher, events.failed(phase, service, failure));
            return;
        }
        String name = request.spec().name();
        if (!running.add(name)) {
            log.info("job already running, phase.started delivered again job={} service={}", name, service);
            return;
        }
        jobs.execute(() -> {
            try {
                run(phase, service, request);
                answered.markHandled(eventId, service);
            } finally {
                running.remove(name);
            }
        });
    }

    private void run(PhaseStarted phase, String service, JobRequest request) {
        long started = System.nanoTime();
        var progress = new JobProgress(publisher, events, phase, service);
        ScheduledFuture<?> flushing = flusher.scheduleAtFixedRate(
                progress::flush, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        SpecificRecord answer;
        try {
            Map<String, String> outputs =
                    heartbeats.whileRunning(phase, service, () -> workflow.run(request, progress));
            log.info(
                    "job passed job={} service={} ranOn={}",
                    request.spec().name(),
                    service,
                    request.spec().place().planName());
            answer = events.succeeded(phase, service, outputs, Duration.ofNanos(System.nanoTime() - started));
        } catch (BuildFailure failure) {
            log.warn("job failed job={} service={} kind={}", request.spec().name(), service, failure.kind());
            answer = events.failed(phase, service, failure);
        } catch (RuntimeException unexpected) {
            log.error(
                    "job failed unexpectedly job={} service={}", request.spec().name(), service, unexpected);
            answer = events.failed(
                    phase,
                    service,
                    BuildFailure.retryable(
                            FailureKind.INTERNAL,
                            "build-service failed unexpectedly running a job: " + unexpected,
                            unexpected));
        } finally {
            // The job's last lines go out before its answer.
            flushing.cancel(false);
            progress.flush();
        }
        Publishing.andWait(publisher, answer);
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        flusher.shutdownNow();
    }
}
