package dev.ferry.deploy.traffic;

import java.util.List;

/** Where analysis queries are answered: Prometheus's HTTP API in production. */
public interface Metrics {

    /**
     * The query's value now, one number per series (empty when it returns no series).
     *
     * @throws MetricsFailure.Unreachable when the server cannot be asked (retryable)
     * @throws MetricsFailure.Rejected when the server refuses the query, with its error
     */
    List<Double> query(String promql);
}
