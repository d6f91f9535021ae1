package dev.ferry.deploy.traffic;

import dev.ferry.deploy.domain.Pause;
import dev.ferry.deploy.domain.RolledBackFailure;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.plan.action.TrafficStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one service's traffic shift: for each step, write the weight (one commit), hold it for the step's pause while
 * the analysis runs every interval, then go on. Too many failed evaluations in a row, or a query Prometheus rejects, set
 * the new backend back to 0 % at once and fail the step; Prometheus unreachable for longer than allowed fails it as
 * retryable with the weight left where it is. Progress is saved after every change, so a restart resumes the step it
 * was at with the pause's end it had.
 */
public final class TrafficShift {

    private final RouteFiles files;
    private final Evaluator evaluator;
    private final ShiftEvents events;
    private final ShiftJournal journal;
    private final Clock clock;
    private final Pause pause;
    private final ShiftTiming timing;

    public TrafficShift(
            RouteFiles files,
            Metrics metrics,
            ShiftEvents events,
            ShiftJournal journal,
            Clock clock,
            Pause pause,
            ShiftTiming timing) {
        this.files = files;
        this.evaluator = new Evaluator(metrics, clock);
        this.events = events;
        this.journal = journal;
        this.clock = clock;
        this.pause = pause;
        this.timing = timing;
    }

    /**
     * @param saved the progress a previous run of this step saved, when it is resumed after a restart
     * @throws StepFailure why the shift stopped; after a failed analysis the new backend is back at 0 %
     */
    public ShiftResult run(ShiftRequest request, Optional<ShiftProgress> saved) throws InterruptedException {
        Instant started = clock.instant();
        Optional<ShiftProgress.Stop> stopped = saved.flatMap(ShiftProgress::stop);
        if (stopped.isPresent()) {
            throw stopAgain(request, stopped.get());
        }
        ShiftProgress progress = saved.orElseGet(() -> fromRouteFile(request));
        List<TrafficStep> steps = request.steps();
        for (int index = progress.step(); index < steps.size(); index++) {
            progress = write(request, progress, index);
            progress = hold(request, progress, steps.get(index).weight());
        }
        return new ShiftResult(
                steps.getLast().weight(),
                progress.commits(),
                progress.evaluations(),
                Duration.between(started, clock.instant()));
    }

    /** A new shift starts at the first step not below the weight the file holds: a later phase goes on from there. */
    private ShiftProgress fromRouteFile(ShiftRequest request) {
        int current = files.weight(request);
        List<TrafficStep> steps = request.steps();
        if (current > steps.getLast().weight()) {
            // A forward shift only ever raises the new backend's weight; lowering it is a rollback's decision.
            throw new StepFailure(
                    StepFailure.Kind.CONFLICT,
                    false,
                    request.where() + " already sends " + current + "% to the new backend, more than this phase's"
                            + " last step (" + steps.getLast() + "); Ferry does not lower traffic in a shift. Check"
                            + " the phase's steps, or set the weight in the file by hand first");
        }
        int first = 0;
        while (first < steps.size() - 1 && steps.get(first).weight() < current) {
            first++;
        }
        events.said(
                request,
                "found " + current + "% in " + request.where() + "; starting at step " + (first + 1) + " ("
                        + steps.get(first) + ")");
        return new ShiftProgress(first, Optional.empty(), List.of(), List.of());
    }

    /** Writes the step's weight (no commit when the file has it) and fixes the pause's end, unless it was saved. */
    private ShiftProgress write(ShiftRequest request, ShiftProgress progress, int index) {
        TrafficStep step = request.steps().get(index);
        stopIfRolledBack(request, progress, step.weight());
        boolean resumed = progress.step() == index && progress.holdUntil().isPresent();
        ShiftProgress next = progress;
        Optional<String> commit = files.write(request, step.weight());
        if (commit.isPresent()) {
            next = next.committed(step.weight(), commit.get());
            events.said(request, "set " + step.weight() + "% in commit " + commit.get());
        }
        Instant until = resumed ? progress.holdUntil().get() : clock.instant().plus(timing.pause(step.pause()));
        next = next.at(index, until);
        journal.save(request, next);
        return next;
    }

    /** Holds the weight until the pause's end, evaluating every interval; returns once it may advance. */
    private ShiftProgress hold(ShiftRequest request, ShiftProgress progress, int weight) throws InterruptedException {
        Instant until = progress.holdUntil().orElseThrow();
        Analysis analysis = request.analysis();
        Duration interval = timing.interval(analysis.interval());
        var watch = new Watch(analysis.failuresAllowed(), timing.unreachableLimit());
        ShiftProgress current = progress;
        while (true) {
            stopIfRolledBack(request, current, weight);
            if (!analysis.isEmpty()) {
                current = evaluate(request, current, weight, watch);
            }
            Instant now = clock.instant();
            if (!now.isBefore(until) && watch.mayAdvance()) {
                events.said(request, held(weight, current));
                return current;
            }
            pause.pause(nextLook(analysis, interval, Duration.between(now, until)));
        }
    }

    /**
     * A rollback command's step for the route: the new backend goes to 0 % at once (no commit when the file holds 0 %
     * already). A shift running on the route stops at its next look, see {@link ShiftJournal#stopRequested}.
     */
    public ShiftResult undo(ShiftRequest request) {
        Instant started = clock.instant();
        Optional<String> commit = files.write(request, 0);
        events.said(
                request,
                "Traffic set back to 0% "
                        + commit.map(c -> "in commit " + c).orElse("(the file held 0% already)")
                        + " by a rollback command");
        return new ShiftResult(
                0,
                commit.map(c -> List.of("0%=" + c)).orElse(List.of()),
                List.of(),
                Duration.between(started, clock.instant()));
    }

    private void stopIfRolledBack(ShiftRequest request, ShiftProgress progress, int weight) {
        if (journal.stopRequested(request)) {
            throw stop(
                    request,
                    progress,
                    clock.instant(),
                    StepFailure.Kind.CONFLICT,
                    "stopped by a rollback command at " + weight + "% in " + request.where() + ". ");
        }
    }

    /**
     * The line that closes a step: how the weight fared while it was held, which the run's Slack thread shows at each
     * step ({@code held 25%: 1440 evaluations, 0 failed; last 2026-12-07T06:00:00Z 25% errorRatio=0.00210 pass}).
     */
    static String held(int weight, ShiftProgress progress) {
        List<Evaluation> atWeight = progress.evaluations().stream()
                .filter(evaluation -> evaluation.weight() == weight)
                .toList();
        long failed = atWeight.stream()
                .filter(evaluation -> evaluation.verdict() == Evaluation.Verdict.FAIL)
                .count();
        return "held " + weight + "%: " + atWeight.size() + " evaluations, " + failed + " failed"
                + (atWeight.isEmpty() ? "" : "; last " + atWeight.getLast().line());
    }

    /** Until the next evaluation, or until the pause's end when that comes first (or nothing is evaluated). */
    private static Duration nextLook(Analysis analysis, Duration interval, Duration left) {
        if (!left.isPositive()) {
            return interval;
        }
        return analysis.isEmpty() || left.compareTo(interval) < 0 ? left : interval;
    }

    private ShiftProgress evaluate(ShiftRequest request, ShiftProgress progress, int weight, Watch watch) {
        List<Evaluation> round;
        try {
            round = evaluator.round(request.analysis(), weight);
        } catch (Evaluator.QueryRejected rejected) {
            throw stop(request, progress, clock.instant(), StepFailure.Kind.INVALID_INPUT, rejected.why());
        }
        round.forEach(evaluation -> events.said(request, evaluation.line()));
        ShiftProgress next = progress.evaluated(round);
        journal.save(request, next);
        switch (watch.record(round)) {
            case GO_ON -> {}
            case TOO_MANY_FAILURES -> throw analysisFailed(request, next, watch);
            case UNREACHABLE_TOO_LONG -> throw unreachable(request, weight, round);
        }
        return next;
    }

    private StepFailure analysisFailed(ShiftRequest request, ShiftProgress progress, Watch watch) {
        List<Evaluation> failed = watch.failedInARow();
        var why = new StringBuilder("analysis failed at ")
                .append(failed.getLast().weight())
                .append("% after ")
                .append(failed.size())
                .append(" failed evaluation(s) in a row: ");
        for (Evaluation evaluation : failed) {
            Analysis.Check check = request.analysis().checks().stream()
                    .filter(c -> c.name().equals(evaluation.check()))
                    .findFirst()
                    .orElseThrow();
            if (evaluation.verdict() == Evaluation.Verdict.FAIL) {
                why.append(evaluation.line())
                        .append(" [query ")
                        .append(check.query())
                        .append(", condition ")
                        .append(check.condition())
                        .append("]; ");
            }
        }
        return stop(request, progress, failed.getLast().at(), StepFailure.Kind.CONFLICT, why.toString());
    }

    private static StepFailure unreachable(ShiftRequest request, int weight, List<Evaluation> round) {
        return new StepFailure(
                StepFailure.Kind.UNREACHABLE,
                true,
                "Prometheus stayed unreachable while " + request.service() + " was held at " + weight + "% in "
                        + request.where() + " (" + round.getLast().note() + "); the weight was left as it is, and"
                        + " a retry goes on from it");
    }

    /**
     * Stops the shift: saves why (so a restart never raises the weight again), sets the new backend back to 0 %, and
     * measures the time from the failed evaluation to the pushed commit.
     */
    private StepFailure stop(
            ShiftRequest request, ShiftProgress progress, Instant failedAt, StepFailure.Kind kind, String why) {
        ShiftProgress stopping = progress.stopped(new ShiftProgress.Stop(kind.name(), why));
        journal.save(request, stopping);
        Optional<String> commit = files.write(request, 0);
        var rollback = new Rollback(commit, Duration.between(failedAt, clock.instant()));
        commit.ifPresent(c -> journal.save(request, stopping.committed(0, c)));
        events.said(request, rollback.sentence());
        return new RolledBackFailure(kind, why + rollback.sentence(), rollback.took(), null);
    }

    /** A shift that had stopped before a restart: the weight is made sure to be 0 %, and the step fails as before. */
    private StepFailure stopAgain(ShiftRequest request, ShiftProgress.Stop stopped) {
        Optional<String> commit = files.write(request, 0);
        return new StepFailure(
                StepFailure.Kind.valueOf(stopped.kind()),
                false,
                stopped.why() + "Traffic set back to 0% "
                        + commit.map(c -> "in commit " + c).orElse("before deploy-service restarted")
                        + "; the rollback time was not measured across the restart.");
    }

    /** The weight set back to 0 %: the commit that did it and how long after the failed evaluation it was pushed. */
    record Rollback(Optional<String> commit, Duration took) {
        String sentence() {
            return "Traffic set back to 0% "
                    + commit.map(c -> "in commit " + c).orElse("(the file held 0% already)")
                    + "; rollback time " + took.toMillis() + " ms from the failed evaluation to the pushed commit.";
        }
    }
}
