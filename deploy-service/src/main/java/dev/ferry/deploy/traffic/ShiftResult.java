package dev.ferry.deploy.traffic;

import java.time.Duration;
import java.util.List;

/** A shift that went through all its steps: the weight it left, the commits that wrote each weight, every evaluation. */
public record ShiftResult(int weight, List<String> commits, List<Evaluation> evaluations, Duration took) {

    public ShiftResult {
        commits = List.copyOf(commits);
        evaluations = List.copyOf(evaluations);
    }
}
