package dev.ferry.planner.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.DeploySettings;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.SamplePlan;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SourceRepository;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunInput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Counts each step's start and end once per attempt, from the steps each change reports. */
class StepMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepMetrics metrics = new StepMetrics(registry);
    private final Instant start = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void countsStartsAndEndsOncePerAttempt() {
        var plan = new MigrationPlan(
                "shop",
                new SourceRepository("/src/mono.git", "main", null),
                List.of(new ServiceDefinition(
                        "a", "services/a", null, null, DeploySettings.none(), null, Map.of(), List.of())),
                List.of(),
                List.of(SamplePlan.phase("split", Actions.SPLIT, null, List.of())),
                "");
        MigrationRun.Started started = MigrationRun.start("run-1", plan, start);
        MigrationRun run = started.run();
        metrics.changed(run.id(), run::view, started.transition());

        // A heartbeat moves the step's deadline: a change, but neither a start nor an end.
        observe(run, new RunInput.Heartbeat("split", "a"), start.plusSeconds(2));
        observe(run, new RunInput.StepFailed("split", "a", 1, false, "boom", null), start.plusSeconds(5));
        observe(run, new RunInput.Retry("split", List.of(), "alice"), start.plusSeconds(6));

        assertThat(count("ferry.steps.started")).isEqualTo(2);
        assertThat(count("ferry.steps.failed")).isEqualTo(1);
        assertThat(registry.get("ferry.step.duration").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(Duration.ofSeconds(5).toSeconds());
    }

    private void observe(MigrationRun run, RunInput input, Instant at) {
        metrics.changed(run.id(), run::view, run.handle(input, at));
    }

    private double count(String name) {
        return registry.get(name).tag("action", "split").counter().count();
    }
}
