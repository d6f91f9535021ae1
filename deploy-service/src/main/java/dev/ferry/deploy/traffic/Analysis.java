package dev.ferry.deploy.traffic;

import dev.ferry.plan.action.MetricCondition;
import java.time.Duration;
import java.util.List;

/**
 * What is checked while a weight is held: each query with its condition, how often, how many failed evaluations in a
 * row are tolerated, and what a query with no series counts as.
 */
public record Analysis(List<Check> checks, Duration interval, int failuresAllowed, boolean noDataPasses) {

    /** One PromQL query and the condition every series of its result must satisfy. */
    public record Check(String name, String query, MetricCondition condition) {}

    public Analysis {
        checks = List.copyOf(checks);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the analysis interval must be positive, not " + interval);
        }
        if (failuresAllowed < 0) {
            throw new IllegalArgumentException("failuresAllowed must be 0 or more");
        }
    }

    boolean isEmpty() {
        return checks.isEmpty();
    }
}
