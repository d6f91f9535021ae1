package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.action.Action;
import dev.ferry.planner.domain.run.RunMetrics.ServiceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Computes the seeds' success metrics from a run's steps. */
final class RunMetricsCalculator {

    private RunMetricsCalculator() {}

    static RunMetrics of(MigrationPlan plan, Collection<Step> steps, Rollbacks rollbacks) {
        var services = new ArrayList<ServiceMetrics>();
        int attempted = 0;
        int succeeded = 0;
        // Grouped once: a filter per service would read every step once per service.
        Map<String, List<Step>> byService =
                steps.stream().collect(Collectors.groupingBy(step -> step.key().service()));
        for (ServiceDefinition service : plan.services()) {
            List<Step> own = byService.getOrDefault(service.name(), List.of());
            List<Step> deploys = own.stream()
                    .filter(step -> plan.phase(step.key().phase())
                            .map(p -> p.action().undo() == Action.Undo.RESTORE_PREVIOUS_TAG)
                            .orElse(false))
                    .toList();
            int serviceAttempts = deploys.stream().mapToInt(Step::attempt).sum();
            int serviceSucceeded = (int) deploys.stream()
                    .filter(step -> step.state() == StepState.SUCCEEDED)
                    .count();
            attempted += serviceAttempts;
            succeeded += serviceSucceeded;
            services.add(new ServiceMetrics(
                    service.name(),
                    leadTime(own, deploys),
                    serviceAttempts,
                    serviceSucceeded,
                    rollbacks.timesOf(service.name())));
        }
        // A run that deployed nothing has no failed deploys: report 1 rather than a 0 that reads as "all failed".
        double rate = attempted == 0 ? 1.0 : (double) succeeded / attempted;
        return new RunMetrics(services, rate);
    }

    /** From the start of the service's first step to its last successful deploy; null when it never deployed. */
    private static Duration leadTime(List<Step> own, List<Step> deploys) {
        Instant first = own.stream()
                .map(Step::firstStartedAt)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        Instant deployed = deploys.stream()
                .filter(step -> step.state() == StepState.SUCCEEDED)
                .map(Step::finishedAt)
                .max(Instant::compareTo)
                .orElse(null);
        return first == null || deployed == null ? null : Duration.between(first, deployed);
    }
}
