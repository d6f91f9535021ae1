package dev.ferry.deploy.traffic.kafka;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.deploy.domain.OncePerStep;
import dev.ferry.deploy.domain.Pause;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.kafka.ResultEvents;
import dev.ferry.deploy.traffic.Evaluation;
import dev.ferry.deploy.traffic.Metrics;
import dev.ferry.deploy.traffic.RouteFiles;
import dev.ferry.deploy.traffic.ShiftEvents;
import dev.ferry.deploy.traffic.ShiftJournal;
import dev.ferry.deploy.traffic.ShiftProgress;
import dev.ferry.deploy.traffic.ShiftRequest;
import dev.ferry.deploy.traffic.ShiftResult;
import dev.ferry.deploy.traffic.ShiftTiming;
import dev.ferry.deploy.traffic.TrafficShift;
import dev.ferry.plan.action.Run;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.StepSuccesses;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of {@code shift-traffic} phases. A step lasts as long as its pauses (days), far longer than a Kafka
 * poll may, so it is saved to disk and run in the background: the {@code phase.started} record is acknowledged once
 * every step of it is saved, and a restarted deploy-service resumes the saved steps. Each step answers with {@code
 * step.succeeded} (outputs weight, weightCommits, evaluations) or {@code step.failed}, and tells its commits and
 * evaluations as they happen in {@code step.progress} lines, which {@code ferry status} shows.
 */
public final class TrafficShifts {

    /** How many evaluation lines a result keeps (the newest); a 48 h pause at 1 m makes 2,880 per query. */
    static final int EVALUATIONS_KEPT = 500;

    private static final Logger log = LoggerFactory.getLogger(TrafficShifts.class);

    private final TrafficShift shift;
    private final ShiftFiles files;
    private final OncePerStep once;
    private final EventPublisher publisher;
    private final MetadataFactory metadata;
    private final ResultEvents results;
    private final StepSuccesses successes;
    private final StepHeartbeats heartbeats;
    private final ExecutorService executor;
    private final Clock clock;
    private final boolean metricsConfigured;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A step being run: what it answers and for which service. */
    private record Running(PhaseStarted phase, String service, String route) {}

    /** The routes a rollback command stopped: a shift running on one ends at its next look. */
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();

    /**
     * @param metrics the Prometheus to ask, or empty when none is configured (a phase with queries then fails)
     * @param stateDirectory where running shifts are saved
     */
    public TrafficShifts(
            RouteFiles routes,
            Optional<Metrics> metrics,
            Path stateDirectory,
            OncePerStep once,
            EventPublisher publisher,
            MetadataFactory metadata,
            StepHeartbeats heartbeats,
            ExecutorService executor,
            Clock clock,
            Pause pause,
            ShiftTiming timing) {
        this.files = new ShiftFiles(stateDirectory);
        this.once = once;
        this.publisher = publisher;
        this.metadata = metadata;
        this.results = new ResultEvents(metadata);
        this.successes = new StepSuccesses(metadata);
        this.heartbeats = heartbeats;
        this.executor = executor;
        this.clock = clock;
        this.metricsConfigured = metrics.isPresent();
        this.shift = new TrafficShift(
                routes, metrics.orElse(TrafficShifts::noPrometheus), new Lines(), new Journal(), clock, pause, timing);
    }

    /**
     * Takes on the steps of a {@code shift-traffic} phase: each is saved, then run in the background. Returns once all
     * are saved (or answered, when their request is wrong), so the record may be acknowledged.
     */
    public void start(PhaseStarted event) {
        for (ServiceWork work : event.getServices()) {
            String stepId = TrafficRequests.stepId(event, work);
            if (files.has(stepId) || !once.claim(stepId)) {
                log.info("event=shift-redelivered step={} phase={}", stepId, event.getPhase());
                continue;
            }
            if ("true".equals(event.getSettings().get(ShiftTraffic.UNDO))) {
                undo(event, work, stepId);
                continue;
            }
            ShiftRequest request;
            try {
                request = request(event, work);
            } catch (StepFailure failure) {
                // Answered before the record is acknowledged, like every deploy step's result.
                answer(stepId, results.failed(event, work.getService(), failure))
                        .join();
                continue;
            }
            files.save(event, work.getService(), stepId, Optional.empty());
            launch(event, request, Optional.empty());
        }
    }

    /**
     * A rollback command's step: stops the shifts running on the route, sets it to 0 % for the new backend and
     * answers, all before the record is acknowledged (one commit, seconds at most).
     */
    private void undo(PhaseStarted event, ServiceWork work, String stepId) {
        SpecificRecord answer;
        try {
            ShiftRequest request = TrafficRequests.of(event, work);
            String route = routeOf(request);
            if (running.values().stream().anyMatch(step -> step.route().equals(route))) {
                stopping.add(route);
            }
            running.put(stepId, new Running(event, work.getService(), route));
            try {
                ShiftResult result = shift.undo(request);
                log.info(
                        "event=shift-undone step={} where=\"{}\" commits=\"{}\"",
                        stepId,
                        request.where(),
                        String.join(" ", result.commits()));
                answer = successes.of(event, work.getService(), outputs(result), result.took());
            } finally {
                running.remove(stepId);
            }
        } catch (StepFailure failure) {
            answer = results.failed(event, work.getService(), failure);
        }
        answer(stepId, answer).join();
    }

    /** A route as the repository, file and route name that identify it, whoever shifts it. */
    private static String routeOf(ShiftRequest request) {
        return request.target().repository() + "#" + request.file() + "#" + request.route();
    }

    /** Resumes the shifts a previous run of deploy-service saved; called once at start-up. */
    public void resumeSaved() {
        var unreadable = new ArrayList<String>();
        for (ShiftFiles.Saved saved : files.load(unreadable)) {
            ServiceWork work = saved.phase().getServices().stream()
                    .filter(w -> w.getService().equals(saved.service()))
                    .findFirst()
                    .orElseThrow();
            String stepId = TrafficRequests.stepId(saved.phase(), work);
            if (once.claim(stepId)) {
                log.info(
                        "event=shift-resumed step={} phase={} at={}",
                        stepId,
                        saved.phase().getPhase(),
                        saved.progress().map(p -> "step " + (p.step() + 1)).orElse("its start"));
                launch(saved.phase(), request(saved.phase(), work), saved.progress());
            }
        }
        unreadable.forEach(file -> log.error("event=shift-file-unreadable file=\"{}\"", file));
    }

    private ShiftRequest request(PhaseStarted event, ServiceWork work) {
        ShiftRequest request = TrafficRequests.of(event, work);
        if (!metricsConfigured && !request.analysis().checks().isEmpty()) {
            throw StepFailure.invalid("phase " + event.getPhase() + " analyses " + request.service()
                    + "'s traffic with Prometheus queries, but deploy-service has no Prometheus: set"
                    + " ferry.deploy.traffic.prometheus-url");
        }
        return request;
    }

    private void launch(PhaseStarted event, ShiftRequest request, Optional<ShiftProgress> saved) {
        running.put(request.stepId(), new Running(event, request.service(), routeOf(request)));
        executor.execute(() -> {
            var beat = heartbeats.start(event, request.service());
            try {
                log.info(
                        "event=shift-started step={} where=\"{}\" steps=\"{}\"",
                        request.stepId(),
                        request.where(),
                        TrafficRequests.steps(request));
                answer(request.stepId(), run(event, request, saved));
            } catch (InterruptedException stopping) {
                // deploy-service is stopping: the saved progress resumes the step at the next start.
                Thread.currentThread().interrupt();
                once.release(request.stepId());
            } finally {
                beat.close();
                running.remove(request.stepId());
                stopping.remove(routeOf(request));
            }
        });
    }

    private SpecificRecord run(PhaseStarted event, ShiftRequest request, Optional<ShiftProgress> saved)
            throws InterruptedException {
        try {
            ShiftResult result = shift.run(request, saved);
            log.info(
                    "event=shift-done step={} weight={} commits=\"{}\" evaluations={}",
                    request.stepId(),
                    result.weight(),
                    String.join(" ", result.commits()),
                    result.evaluations().size());
            return successes.of(event, request.service(), outputs(result), result.took());
        } catch (StepFailure failure) {
            log.warn(
                    "event=shift-failed step={} kind={} retryable={} reason=\"{}\"",
                    request.stepId(),
                    failure.kind(),
                    failure.retryable(),
                    Redaction.redact(failure.getMessage()));
            return results.failed(event, request.service(), failure);
        } catch (RuntimeException unexpected) {
            log.error("event=shift-failed-unexpectedly step={}", request.stepId(), unexpected);
            return results.failed(
                    event,
                    request.service(),
                    new StepFailure(
                            StepFailure.Kind.INTERNAL,
                            true,
                            "deploy-service failed unexpectedly shifting " + request.service() + "'s traffic: "
                                    + unexpected));
        }
    }

    /** Publishes the step's answer, then forgets it; a failed publish leaves the file, so a restart answers again. */
    private CompletableFuture<Void> answer(String stepId, SpecificRecord answer) {
        return publisher.publish(answer).whenComplete((ok, error) -> {
            if (error == null) {
                files.delete(stepId);
                once.done(stepId);
            } else {
                log.error("event=shift-answer-not-sent step={} reason=\"{}\"", stepId, error.toString());
            }
        });
    }

    static Map<String, String> outputs(ShiftResult result) {
        List<Evaluation> evaluations = result.evaluations();
        List<Evaluation> kept =
                evaluations.subList(Math.max(0, evaluations.size() - EVALUATIONS_KEPT), evaluations.size());
        var lines = new ArrayList<String>();
        if (kept.size() < evaluations.size()) {
            lines.add("(" + evaluations.size() + " evaluations, the last " + kept.size() + " kept)");
        }
        kept.forEach(e -> lines.add(e.line()));
        return Map.of(
                ShiftTraffic.WEIGHT, Integer.toString(result.weight()),
                ShiftTraffic.WEIGHT_COMMITS, String.join(" ", result.commits()),
                ShiftTraffic.EVALUATIONS, String.join("\n", lines));
    }

    private static List<Double> noPrometheus(String query) {
        throw new IllegalStateException("no Prometheus is configured; the step should have been refused");
    }

    /** Progress saved next to the phase it answers. */
    private final class Journal implements ShiftJournal {
        @Override
        public void save(ShiftRequest request, ShiftProgress progress) {
            Running step = running.get(request.stepId());
            files.save(step.phase(), step.service(), request.stepId(), Optional.of(progress));
        }

        @Override
        public boolean stopRequested(ShiftRequest request) {
            return stopping.contains(routeOf(request));
        }
    }

    /** Each line a {@code step.progress} of the unit jobs print in, which the planner keeps as the step's output. */
    private final class Lines implements ShiftEvents {
        @Override
        public void said(ShiftRequest request, String line) {
            Running step = running.get(request.stepId());
            var progress = StepProgress.newBuilder()
                    .setMetadata(metadata.causedBy(step.phase().getMetadata()))
                    .setPhase(step.phase().getPhase())
                    .setService(step.service())
                    .setAction(PhaseAction.SHIFT_TRAFFIC)
                    .setUnit(Run.OUTPUT_LINES)
                    .setCompletedUnits(clock.millis())
                    .setMessage(Redaction.redact(line))
                    .build();
            // A lost line costs only its text: the result keeps every evaluation.
            publisher.publish(progress).exceptionally(failure -> {
                log.warn("event=shift-line-not-sent step={} reason=\"{}\"", request.stepId(), failure.toString());
                return null;
            });
        }
    }
}
