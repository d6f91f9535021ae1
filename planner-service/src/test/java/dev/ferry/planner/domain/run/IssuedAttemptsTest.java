package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.retrying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.ResultDropped;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A result is applied only to the step and attempt the planner issued while that attempt runs: a late answer of an
 * earlier attempt, a result for a step that never started, and one that names no attempt change nothing, and say why.
 */
class IssuedAttemptsTest {

    private static MigrationPlan splitThenBuild() {
        return plan(
                List.of("auth"),
                retrying(phase("split", Actions.SPLIT, null), 3, Duration.ofSeconds(10)),
                phase("build", Actions.BUILD, null, "split"));
    }

    private static StepResult split(String commit) {
        return StepResult.of("splitCommit", commit, "targetRepository", "/targets/auth");
    }

    @Test
    void aLateResultOfAnEarlierAttemptIsDroppedWhileTheRetryRuns() {
        var driver = new RunDriver(splitThenBuild());
        driver.fail("split", "auth", true);
        assertThat(starts(driver.after(Duration.ofSeconds(10)).handle(new RunInput.Tick())))
                .singleElement()
                .satisfies(retry -> assertThat(retry.attempt()).isEqualTo(2));

        List<RunEffect> late = driver.handle(new RunInput.StepSucceeded("split", "auth", 1, split("from-attempt-1")));

        assertThat(only(late, ResultDropped.class)).singleElement().satisfies(dropped -> assertThat(dropped.reason())
                .isEqualTo("it answers attempt 1 but attempt 2 is the one running"));
        assertThat(starts(late)).as("the build waits for attempt 2").isEmpty();
        Step step = driver.run().step("split", "auth").orElseThrow();
        assertThat(step.state()).isEqualTo(StepState.STARTED);
        assertThat(step.attempt()).isEqualTo(2);

        driver.handle(new RunInput.StepSucceeded("split", "auth", 2, split("from-attempt-2")));
        assertThat(driver.run().step("split", "auth").orElseThrow().result().output("splitCommit"))
                .isEqualTo("from-attempt-2");
    }

    @Test
    void aLateFailureOfAnEarlierAttemptDoesNotFailTheRetry() {
        var driver = new RunDriver(splitThenBuild());
        driver.fail("split", "auth", true);
        driver.after(Duration.ofSeconds(10)).handle(new RunInput.Tick());

        List<RunEffect> late = driver.handle(new RunInput.StepFailed("split", "auth", 1, false, "old news", null));

        assertThat(only(late, ResultDropped.class)).hasSize(1);
        assertThat(driver.run().step("split", "auth").orElseThrow().state()).isEqualTo(StepState.STARTED);
    }

    @Test
    void aResultForAStepThatIsNotRunningChangesNothing() {
        var driver = new RunDriver(splitThenBuild());

        List<RunEffect> forged = driver.handle(new RunInput.StepSucceeded(
                "build", "auth", 1, StepResult.of("imageTag", "evil", "imageReference", "evil.example/x@sha256:1")));

        assertThat(only(forged, ResultDropped.class)).singleElement().satisfies(dropped -> assertThat(dropped.reason())
                .isEqualTo("the step is pending, not running"));
        assertThat(driver.run().step("build", "auth").orElseThrow().state()).isEqualTo(StepState.PENDING);
        assertThat(only(
                        driver.handle(new RunInput.StepSucceeded("publish", "auth", 1, split("x"))),
                        ResultDropped.class))
                .singleElement()
                .satisfies(dropped -> assertThat(dropped.reason()).isEqualTo("the run has no step publish/auth"));
    }

    @Test
    void aResultThatNamesNoAttemptIsDroppedButAJournaledOneReplays() {
        var driver = new RunDriver(splitThenBuild());

        assertThat(only(driver.handle(new RunInput.StepSucceeded("split", "auth", 0, split("x"))), ResultDropped.class))
                .singleElement()
                .satisfies(dropped -> assertThat(dropped.reason())
                        .isEqualTo("the result names no attempt (a worker older than this planner)"));

        driver.handle(
                new RunInput.StepSucceeded("split", "auth", RunInput.JOURNALED_BEFORE_ATTEMPTS, split("journaled")));
        assertThat(driver.run().step("split", "auth").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void aRepeatedResultIsDroppedOnceTheStepSucceeded() {
        var driver = new RunDriver(splitThenBuild());
        driver.succeed("split", "auth");

        assertThat(only(
                        driver.handle(new RunInput.StepSucceeded("split", "auth", 1, split("again"))),
                        ResultDropped.class))
                .singleElement()
                .satisfies(dropped -> assertThat(dropped.reason()).isEqualTo("the step is succeeded, not running"));
        assertThat(driver.run().step("split", "auth").orElseThrow().result().output("splitCommit"))
                .isEqualTo("split-auth");
    }
}
