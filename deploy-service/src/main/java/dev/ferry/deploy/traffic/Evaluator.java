package dev.ferry.deploy.traffic;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Evaluates every query of an analysis once, at one weight, into one evaluation per query. */
final class Evaluator {

    private final Metrics metrics;
    private final Clock clock;

    Evaluator(Metrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws QueryRejected when Prometheus refuses a query, which no later evaluation can fix
     */
    List<Evaluation> round(Analysis analysis, int weight) {
        var round = new ArrayList<Evaluation>();
        for (Analysis.Check check : analysis.checks()) {
            round.add(evaluate(analysis, check, weight));
        }
        return round;
    }

    private Evaluation evaluate(Analysis analysis, Analysis.Check check, int weight) {
        List<Double> values;
        try {
            values = metrics.query(check.query());
        } catch (MetricsFailure.Unreachable unreachable) {
            return new Evaluation(
                    clock.instant(),
                    weight,
                    check.name(),
                    List.of(),
                    Evaluation.Verdict.UNREACHABLE,
                    unreachable.getMessage());
        } catch (MetricsFailure.Rejected rejected) {
            throw new QueryRejected(check, rejected.getMessage());
        }
        var at = clock.instant();
        if (values.isEmpty()) {
            return new Evaluation(
                    at,
                    weight,
                    check.name(),
                    values,
                    analysis.noDataPasses() ? Evaluation.Verdict.PASS : Evaluation.Verdict.FAIL,
                    "no series");
        }
        boolean holds = values.stream().allMatch(value -> check.condition().holds(value));
        return new Evaluation(
                at,
                weight,
                check.name(),
                values,
                holds ? Evaluation.Verdict.PASS : Evaluation.Verdict.FAIL,
                holds ? "" : "condition " + check.condition());
    }

    /** Prometheus refused a query: the step fails with its error and the query. */
    static final class QueryRejected extends RuntimeException {
        private final transient Analysis.Check check;

        QueryRejected(Analysis.Check check, String error) {
            super(error);
            this.check = check;
        }

        /** What the step's failure says before the rollback's sentence. */
        String why() {
            return "Prometheus rejected query " + check.name() + " (" + check.query() + "): " + getMessage()
                    + "; fix the query in the plan. ";
        }
    }
}
