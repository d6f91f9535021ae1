package dev.ferry.deploy.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a shift got, saved after every change so a restarted deploy-service resumes it: the step it is at, when that
 * step's pause ends (kept, so a restart does not start the pause again), the commits and every evaluation so far.
 *
 * @param step the index (from 0) of the step being held
 * @param commits one entry per weight written, {@code 25%=abc123}
 * @param stop why the shift stopped, saved before the weight is set back to 0 %: a shift resumed with it never raises
 *     the weight again
 */
public record ShiftProgress(
        int step,
        Optional<Instant> holdUntil,
        List<String> commits,
        List<Evaluation> evaluations,
        Optional<Stop> stop) {

    /** Why a shift stopped and sets its weight back to 0 %: the failure's kind (a {@code StepFailure.Kind}) and text. */
    public record Stop(String kind, String why) {}

    public ShiftProgress {
        holdUntil = holdUntil == null ? Optional.empty() : holdUntil;
        commits = List.copyOf(commits);
        evaluations = List.copyOf(evaluations);
        stop = stop == null ? Optional.empty() : stop;
    }

    public ShiftProgress(int step, Optional<Instant> holdUntil, List<String> commits, List<Evaluation> evaluations) {
        this(step, holdUntil, commits, evaluations, Optional.empty());
    }

    ShiftProgress at(int newStep, Instant until) {
        return new ShiftProgress(newStep, Optional.of(until), commits, evaluations, stop);
    }

    ShiftProgress committed(int weight, String commit) {
        var more = new ArrayList<>(commits);
        more.add(weight + "%=" + commit);
        return new ShiftProgress(step, holdUntil, more, evaluations, stop);
    }

    ShiftProgress evaluated(List<Evaluation> round) {
        var more = new ArrayList<>(evaluations);
        more.addAll(round);
        return new ShiftProgress(step, holdUntil, commits, more, stop);
    }

    public ShiftProgress stopped(Stop why) {
        return new ShiftProgress(step, holdUntil, commits, evaluations, Optional.of(why));
    }
}
