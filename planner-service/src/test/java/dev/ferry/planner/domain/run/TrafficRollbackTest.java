package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.ShiftTraffic;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunInput.Rollback;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollback of a service whose traffic shift began sets the shift's route back to 0 % for the new backend: a step of
 * the shift's action, with its route and the undo mark, instead of a tag the environment never changed.
 */
class TrafficRollbackTest {

    private static final Map<String, String> ROUTE = Map.of(
            ShiftTraffic.ROUTE,
            "auth",
            ShiftTraffic.ROUTE_FILE,
            "gateway/auth-route.yaml",
            ShiftTraffic.ROUTE_KIND,
            "gateway-api",
            ShiftTraffic.BACKEND,
            "auth-service",
            "steps.1",
            "10% for 48h",
            "steps.2",
            "100%");

    private static MigrationPlan cutover() {
        PhaseDefinition shift = phase("auth-cutover", Actions.SHIFT_TRAFFIC, "production");
        return plan(
                List.of("auth-service"),
                new PhaseDefinition(
                        shift.name(),
                        shift.action(),
                        shift.environment(),
                        shift.dependsOn(),
                        false,
                        false,
                        shift.onFailure(),
                        shift.retry(),
                        List.of(),
                        List.of(),
                        shift.rollout(),
                        shift.timeout(),
                        ROUTE,
                        List.of()));
    }

    @Test
    void aRollbackDuringTheShiftSendsItsRouteToZeroWithoutATag() {
        var driver = new RunDriver(cutover());
        assertThat(driver.run()
                        .step("auth-cutover", "auth-service")
                        .orElseThrow()
                        .state())
                .isEqualTo(StepState.STARTED);

        List<RunEffect> effects = driver.handle(new Rollback("auth-service", "production", null, "olga (cli)"));

        assertThat(only(effects, CommandRefused.class)).isEmpty();
        assertThat(starts(effects)).singleElement().satisfies(undo -> {
            assertThat(undo.action()).isEqualTo(Actions.SHIFT_TRAFFIC);
            assertThat(undo.phase()).isEqualTo("rollback-production");
            assertThat(undo.environment()).isEqualTo("production");
            assertThat(undo.settings())
                    .containsEntry(ShiftTraffic.UNDO, "true")
                    .containsEntry(ShiftTraffic.ROUTE, "auth")
                    .containsEntry(ShiftTraffic.ROUTE_FILE, "gateway/auth-route.yaml");
        });

        driver.handle(new RunInput.StepSucceeded(
                "rollback-production",
                "auth-service",
                1,
                StepResult.of(ShiftTraffic.WEIGHT, "0", ShiftTraffic.WEIGHT_COMMITS, "0%=c0ffee")));
        assertThat(driver.run()
                        .step("rollback-production", "auth-service")
                        .orElseThrow()
                        .state())
                .isEqualTo(StepState.SUCCEEDED);
        assertThat(driver.run().deployed().current("auth-service", "production"))
                .as("no tag was deployed or restored")
                .isNull();
    }

    @Test
    void aRollbackToANamedTagStaysATagRollback() {
        var driver = new RunDriver(cutover());

        List<RunEffect> effects = driver.handle(new Rollback("auth-service", "production", "auth-1", "pat (cli)"));

        assertThat(starts(effects)).singleElement().satisfies(undo -> {
            assertThat(undo.action()).isEqualTo(Actions.ROLLBACK);
            assertThat(undo.settings()).isNull();
        });
    }
}
