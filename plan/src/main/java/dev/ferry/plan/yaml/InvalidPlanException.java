package dev.ferry.plan.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot be run, with everything wrong with it (not only the first problem). */
public final class InvalidPlanException extends RuntimeException {

    private final List<PlanProblem> problems;

    public InvalidPlanException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they appear in the file. */
    public List<PlanProblem> problems() {
        return problems;
    }
}
