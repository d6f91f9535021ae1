package dev.ferry.planner.domain.run;

import java.time.Duration;
import java.util.List;

/** The seeds' success metrics: lead time per service, deploy success rate, rollback times. */
public record RunMetrics(List<ServiceMetrics> services, double deploySuccessRate) {

    public RunMetrics {
        services = List.copyOf(services);
    }

    /**
     * @param leadTime from the start of the service's first step to its last successful deploy; null if it never
     *     deployed
     */
    public record ServiceMetrics(
            String service,
            Duration leadTime,
            int deploysAttempted,
            int deploysSucceeded,
            List<RollbackTime> rollbacks) {
        public ServiceMetrics {
            rollbacks = List.copyOf(rollbacks);
        }
    }

    public record RollbackTime(String environment, Duration duration) {}
}
