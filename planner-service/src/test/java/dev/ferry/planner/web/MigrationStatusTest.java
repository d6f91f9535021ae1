package dev.ferry.planner.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.domain.run.MigrationRun;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status API shows what a running job printed last, and nothing for steps that are not running. */
class MigrationStatusTest {

    private static final String PLAN = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: iot
            spec:
              source:
                repository: https://github.com/iot/platform.git
              services:
                - name: backend
                  path: backend
              phases:
                - name: migrations
                  action: run
                  image: python:3.12
                  command: [alembic, upgrade, head]
                - name: tests
                  action: run
                  image: python:3.12
                  command: [pytest]
                  dependsOn: [migrations]
            """;

    @Test
    void aRunningJobsStepCarriesItsLastLines() {
        MigrationPlan plan = PlanReader.read("plan.yaml", PLAN);
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        MigrationRun run = MigrationRun.start("run-1", plan, now).run();
        var output = new LiveOutput();
        output.printed("run-1", "migrations", "backend", "Running upgrade -> 0001");
        run.handle(new RunInput.StepSucceeded("migrations", "backend", 1, StepResult.of("exitCode", "0")), now);
        output.printed("run-1", "tests", "backend", "collected 7 items");
        for (int i = 1; i <= 7; i++) {
            output.printed("run-1", "tests", "backend", "test_" + i + " PASSED");
        }

        MigrationStatus status = MigrationStatus.of(run.view(), output);

        assertThat(status.phases().get(0).steps().getFirst().output())
                .as("a job that ended shows its result, not its output")
                .isEmpty();
        assertThat(status.phases().get(1).steps().getFirst().output())
                .containsExactly("test_3 PASSED", "test_4 PASSED", "test_5 PASSED", "test_6 PASSED", "test_7 PASSED");
    }
}
