package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.retrying;
import static dev.ferry.planner.domain.run.TestPlans.waiting;
import static dev.ferry.planner.domain.run.TestPlans.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunEffect.StepTimedOut;
import dev.ferry.planner.domain.run.RunInput.Heartbeat;
import dev.ferry.planner.domain.run.RunInput.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No run hangs: a worker's step that neither answers nor beats fails as TIMEOUT, and a stuck one can be retried. */
class DeadlinesTest {

    private static MigrationPlan buildWithin(Duration timeout, int attempts) {
        return plan(
                List.of("auth"),
                retrying(withTimeout(phase("build", Actions.BUILD, null), timeout), attempts, Duration.ofSeconds(10)));
    }

    @Test
    void aSilentStepFailsAsTimeoutAtItsDeadlineAndIsRetried() {
        var driver = new RunDriver(buildWithin(Duration.ofMinutes(30), 2));
        Instant started = driver.now();

        assertThat(driver.run().nextWakeAt()).contains(started.plus(Duration.ofMinutes(30)));
        assertThat(driver.after(Duration.ofMinutes(29)).handle(new RunInput.Tick()))
                .isEmpty();

        List<RunEffect> effects = driver.after(Duration.ofMinutes(1)).handle(new RunInput.Tick());

        assertThat(only(effects, StepTimedOut.class)).singleElement().satisfies(timeout -> {
            assertThat(timeout.retryable()).isTrue();
            assertThat(timeout.attempt()).isEqualTo(1);
            assertThat(timeout.reason())
                    .startsWith("TIMEOUT: the build step of auth sent no result within its timeout of 30m");
        });
        Step step = driver.run().step("build", "auth").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.RETRY_WAIT);
        assertThat(starts(driver.after(Duration.ofSeconds(10)).handle(new RunInput.Tick())))
                .singleElement()
                .satisfies(again -> assertThat(again.attempt()).isEqualTo(2));
    }

    @Test
    void aStepThatStillBeatsRunsPastItsTimeoutAndFailsOnceItFallsSilent() {
        var driver = new RunDriver(buildWithin(Duration.ofMinutes(30), 1));
        Heartbeat beat = new Heartbeat("build", "auth");

        assertThat(driver.run().heeds(beat, driver.after(Duration.ofMinutes(10)).now()))
                .as("a heartbeat long before the deadline is not worth storing")
                .isFalse();
        for (int minute = 0; minute < 30; minute++) {
            driver.after(Duration.ofMinutes(1)).handle(beat);
        }
        assertThat(driver.run().step("build", "auth").orElseThrow().state()).isEqualTo(StepState.STARTED);

        driver.after(Duration.ofMinutes(2)).handle(new RunInput.Tick());

        Step step = driver.run().step("build", "auth").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.FAILED);
        assertThat(step.lastError()).contains("no heartbeat in the last 2m");
    }

    @Test
    void stepsAPersonOrTheClockPerformHaveNoDeadline() {
        var driver = new RunDriver(plan(List.of("auth"), waiting("monitor", "48h")));

        assertThat(driver.run().step("monitor", "auth").orElseThrow().deadline())
                .isNull();
        assertThat(only(driver.after(Duration.ofHours(47)).handle(new RunInput.Tick()), StepTimedOut.class))
                .isEmpty();
    }

    @Test
    void retryingAPhaseReissuesAStepStuckRunningAsANewAttempt() {
        var driver = new RunDriver(buildWithin(Duration.ofHours(1), 1));

        List<RunEffect> refused = driver.handle(new Retry(null, List.of(), "alice"));
        List<RunEffect> reissued = driver.handle(new Retry("build", List.of("auth"), "alice"));

        assertThat(only(refused, CommandRefused.class)).singleElement();
        assertThat(starts(reissued)).singleElement().satisfies(again -> assertThat(again.attempt())
                .isEqualTo(2));
    }

    @Test
    void aRebuiltRunTimesOutAtTheSameInstant() {
        Instant start = Instant.parse("2026-11-22T10:00:00Z");
        MigrationRun rebuilt = MigrationRun.start("run-1", buildWithin(Duration.ofMinutes(5), 1), start)
                .run();

        assertThat(rebuilt.nextWakeAt()).contains(start.plus(Duration.ofMinutes(5)));
    }
}
