package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.startedServices;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.continuingOnFailure;
import static dev.ferry.planner.domain.run.TestPlans.forServices;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.sequential;
import static dev.ferry.planner.domain.run.TestPlans.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.StepCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run is generic over actions: a wait the planner's clock performs, sequential phases, phases for some services. */
class ActionsInTheRunTest {

    private static MigrationPlan splitWaitBuild() {
        return plan(
                List.of("auth"),
                phase("split", Actions.SPLIT, null),
                waiting("monitor", "48h", "split"),
                phase("build", Actions.BUILD, null, "monitor"));
    }

    @Test
    void aWaitIsAnnouncedAndEndsByItselfWhenItsTimeIsUp() {
        var driver = new RunDriver(splitWaitBuild());
        Instant splitAt = driver.now();

        List<RunEffect> effects = driver.succeed("split", "auth");

        PhaseStartRequested announced = starts(effects).getFirst();
        assertThat(announced.action()).isEqualTo(Actions.WAIT);
        assertThat(driver.run().step("monitor", "auth").orElseThrow().wakeAt())
                .isEqualTo(splitAt.plus(Duration.ofHours(48)));
        assertThat(driver.run().nextWakeAt()).contains(splitAt.plus(Duration.ofHours(48)));
        assertThat(starts(driver.after(Duration.ofHours(47)).handle(new RunInput.Tick())))
                .isEmpty();

        List<RunEffect> woke = driver.after(Duration.ofHours(1)).handle(new RunInput.Tick());

        assertThat(only(woke, StepCompleted.class)).singleElement().satisfies(done -> assertThat(
                        done.result().output("waitedUntil"))
                .isEqualTo(splitAt.plus(Duration.ofHours(48)).toString()));
        assertThat(startedServices(woke, "build")).containsExactly("auth");
        assertThat(driver.run().step("monitor", "auth").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void aWaitSurvivesARebuildFromTheJournal() {
        var original = new RunDriver(splitWaitBuild());
        Instant startedAt = original.now();
        original.after(Duration.ofMinutes(5)).succeed("split", "auth");
        Instant splitAt = original.now();

        // What the coordinator does after a restart: the same inputs at the recorded instants, then a tick later on.
        MigrationRun rebuilt =
                MigrationRun.start("run-1", splitWaitBuild(), startedAt).run();
        rebuilt.handle(
                new RunInput.StepSucceeded("split", "auth", 1, StepResult.of("splitCommit", "split-auth")), splitAt);
        var woke = rebuilt.handle(new RunInput.Tick(), splitAt.plus(Duration.ofHours(48)))
                .effects();

        assertThat(rebuilt.step("monitor", "auth").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(startedServices(woke, "build")).containsExactly("auth");
    }

    @Test
    void aWaitIsNotRetriedWhenSomethingReportsItFailed() {
        var driver = new RunDriver(plan(List.of("a"), continuingOnFailure(waiting("monitor", "1h"))));

        driver.fail("monitor", "a", true);

        assertThat(driver.run().step("monitor", "a").orElseThrow().state()).isEqualTo(StepState.FAILED);
    }

    @Test
    void aFailureThatStopsTheRunDoesNotSitOutARunningWait() {
        var driver = new RunDriver(plan(
                List.of("auth", "users"),
                forServices(waiting("monitor", "48h"), "auth"),
                forServices(phase("split", Actions.SPLIT, null), "users")));

        List<RunEffect> effects = driver.fail("split", "users", false);

        assertThat(only(effects, RunEffect.RunFinished.class))
                .singleElement()
                .satisfies(finished -> assertThat(finished.outcome()).isEqualTo(RunState.FAILED));
        assertThat(driver.run().step("monitor", "auth").orElseThrow().state()).isEqualTo(StepState.SKIPPED);

        driver.handle(new RunInput.Retry(null, List.of(), "alice"));

        assertThat(driver.run().state()).isEqualTo(RunState.RUNNING);
        assertThat(driver.run().step("monitor", "auth").orElseThrow().state()).isEqualTo(StepState.STARTED);
    }

    @Test
    void aSequentialPhaseRunsOneServiceAfterAnother() {
        var driver = new RunDriver(plan(List.of("a", "b", "c"), sequential(phase("split", Actions.SPLIT, null))));

        assertThat(driver.run().step("split", "a").orElseThrow().state()).isEqualTo(StepState.STARTED);
        assertThat(driver.run().step("split", "b").orElseThrow().state()).isEqualTo(StepState.PENDING);

        assertThat(startedServices(driver.succeed("split", "a"), "split")).containsExactly("b");
        assertThat(startedServices(driver.succeed("split", "b"), "split")).containsExactly("c");
    }

    @Test
    void aSequentialPhaseGoesOnAfterAFailureItMayContinuePast() {
        var driver = new RunDriver(
                plan(List.of("a", "b"), sequential(continuingOnFailure(phase("split", Actions.SPLIT, null)))));

        assertThat(startedServices(driver.fail("split", "a", false), "split")).containsExactly("b");
    }

    @Test
    void aPhaseForSomeServicesWaitsForAPhaseForOthers() {
        var driver = new RunDriver(plan(
                List.of("auth", "users"),
                forServices(phase("migrate-auth", Actions.SPLIT, null), "auth"),
                forServices(phase("migrate-users", Actions.SPLIT, null, "migrate-auth"), "users")));

        assertThat(driver.run().step("migrate-users", "users").orElseThrow().state())
                .isEqualTo(StepState.PENDING);

        assertThat(startedServices(driver.succeed("migrate-auth", "auth"), "migrate-users"))
                .containsExactly("users");
    }
}
