package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.startedServices;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.asBarrier;
import static dev.ferry.planner.domain.run.TestPlans.continuingOnFailure;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.retrying;
import static dev.ferry.planner.domain.run.TestPlans.rollingBackOnFailure;
import static dev.ferry.planner.domain.run.TestPlans.splitBuildDeploy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunEffect.PhaseFinished;
import dev.ferry.planner.domain.run.RunEffect.PhaseStartRequested;
import dev.ferry.planner.domain.run.RunEffect.RunFinished;
import dev.ferry.planner.domain.run.RunInput.Abort;
import dev.ferry.planner.domain.run.RunInput.Pause;
import dev.ferry.planner.domain.run.RunInput.Resume;
import dev.ferry.planner.domain.run.RunInput.Retry;
import dev.ferry.planner.domain.run.RunInput.Rollback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationRunTest {

    @Test
    void startsEveryServicesFirstPhaseInOnePhaseStarted() {
        var driver = new RunDriver(splitBuildDeploy("a", "b", "c"));

        assertThat(starts(driver.startEffects)).singleElement().satisfies(start -> {
            assertThat(start.phase()).isEqualTo("split");
            assertThat(start.action()).isEqualTo(Actions.SPLIT);
            assertThat(start.attempt()).isEqualTo(1);
            assertThat(start.services())
                    .extracting(RunEffect.ServiceStart::service)
                    .containsExactly("a", "b", "c");
        });
    }

    @Test
    void pipelinesAServiceToItsNextPhaseAsSoonAsItsOwnStepSucceeds() {
        var driver = new RunDriver(splitBuildDeploy("a", "b"));

        var effects = driver.succeed("split", "a");

        assertThat(startedServices(effects, "build")).containsExactly("a");
        assertThat(driver.run().step("build", "b"))
                .get()
                .extracting(Step::state)
                .isEqualTo(StepState.PENDING);
    }

    @Test
    void handsEachStepWhatTheServicesEarlierStepsProduced() {
        var driver = new RunDriver(splitBuildDeploy("a"));
        driver.succeed("split", "a");
        var effects = driver.succeed("build", "a");

        PhaseStartRequested deploy = starts(effects).getFirst();
        assertThat(deploy.environment()).isEqualTo("dev");
        assertThat(deploy.services().getFirst().prior())
                .isEqualTo(new PriorResults(
                        Map.of(
                                "splitCommit", "split-a",
                                "targetRepository", "/targets/a",
                                "imageReference", "reg/repo@sha256:1",
                                "imageDigest", "sha256:1",
                                "imageTag", "a-1"),
                        null));
    }

    @Test
    void aLaterEnvironmentIsHandedTheTagAndDigestTheEarlierOneVerified() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                phase("deploy-dev", Actions.DEPLOY, "dev", "build"),
                phase("deploy-staging", Actions.DEPLOY, "staging", "deploy-dev")));
        driver.succeed("build", "a");

        var effects = driver.handle(new RunInput.StepSucceeded(
                "deploy-dev",
                "a",
                driver.attempt("deploy-dev", "a"),
                StepResult.of(
                        "environment", "dev",
                        "imageTag", "a-1",
                        "imageDigest", "sha256:verified-in-dev",
                        "gitopsCommit", "gitops-1")));

        PhaseStartRequested staging = starts(effects).getFirst();
        assertThat(staging.phase()).isEqualTo("deploy-staging");
        assertThat(staging.services().getFirst().prior().outputs())
                .as("dev's verified digest, not the build's sha256:1")
                .containsEntry("imageTag", "a-1")
                .containsEntry("imageDigest", "sha256:verified-in-dev");
    }

    @Test
    void aBarrierPhaseWaitsForEveryService() {
        var driver = new RunDriver(plan(
                List.of("a", "b"),
                phase("split", Actions.SPLIT, null),
                asBarrier(phase("build", Actions.BUILD, null, "split"))));

        assertThat(starts(driver.succeed("split", "a"))).isEmpty();
        var effects = driver.succeed("split", "b");

        assertThat(startedServices(effects, "build")).containsExactly("a", "b");
        assertThat(starts(effects)).hasSize(1);
    }

    @Test
    void retriesARetryableFailureAfterTheBackoffAndGivesUpAfterTheLastAttempt() {
        var driver = new RunDriver(
                plan(List.of("a"), retrying(phase("split", Actions.SPLIT, null), 3, Duration.ofSeconds(10))));

        assertThat(starts(driver.fail("split", "a", true))).isEmpty();
        assertThat(driver.run().nextWakeAt()).contains(driver.now().plusSeconds(10));
        assertThat(starts(driver.after(Duration.ofSeconds(9)).handle(new RunInput.Tick())))
                .isEmpty();
        assertThat(starts(driver.after(Duration.ofSeconds(1)).handle(new RunInput.Tick())))
                .singleElement()
                .satisfies(s -> assertThat(s.attempt()).isEqualTo(2));

        driver.fail("split", "a", true);
        var third = driver.after(Duration.ofSeconds(20)).handle(new RunInput.Tick());
        assertThat(starts(third)).singleElement().satisfies(s -> assertThat(s.attempt())
                .isEqualTo(3));
        var last = driver.fail("split", "a", true);

        assertThat(driver.run().step("split", "a").orElseThrow().lastError()).endsWith("(gave up after 3 attempts)");
        assertThat(only(last, RunFinished.class)).singleElement().satisfies(f -> assertThat(f.outcome())
                .isEqualTo(RunState.FAILED));
    }

    @Test
    void doesNotRetryAFailureMarkedNotRetryable() {
        var driver = new RunDriver(
                plan(List.of("a"), retrying(phase("split", Actions.SPLIT, null), 3, Duration.ofSeconds(1))));

        driver.fail("split", "a", false);

        assertThat(driver.run().step("split", "a").orElseThrow().state()).isEqualTo(StepState.FAILED);
        assertThat(driver.run().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aStopPolicyFailureStartsNothingNewAndFailsTheRunOnceRunningStepsEnd() {
        var driver = new RunDriver(splitBuildDeploy("a", "b"));

        var afterFailure = driver.fail("split", "a", false);
        assertThat(driver.run().state()).isEqualTo(RunState.RUNNING);
        assertThat(starts(afterFailure)).isEmpty();

        var afterB = driver.succeed("split", "b");

        assertThat(starts(afterB)).isEmpty();
        assertThat(driver.run().state()).isEqualTo(RunState.FAILED);
        assertThat(only(afterB, RunFinished.class)).hasSize(1);
    }

    @Test
    void aRetryCommandRevivesAFailedRunFromItsFailedSteps() {
        var driver = new RunDriver(splitBuildDeploy("a"));
        driver.fail("split", "a", false);

        var effects = driver.handle(new Retry(null, List.of(), "alice"));

        assertThat(driver.run().state()).isEqualTo(RunState.RUNNING);
        assertThat(starts(effects)).singleElement().satisfies(s -> {
            assertThat(s.phase()).isEqualTo("split");
            assertThat(s.attempt()).isEqualTo(2);
        });
        assertThat(only(driver.handle(new Retry(null, List.of(), "alice")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no failed step"));
    }

    @Test
    void aContinuePolicyFailureSkipsOnlyThatServicesLaterSteps() {
        var driver = new RunDriver(plan(
                List.of("a", "b"),
                continuingOnFailure(phase("split", Actions.SPLIT, null)),
                phase("build", Actions.BUILD, null, "split")));

        driver.fail("split", "a", false);
        var effects = driver.succeed("split", "b");
        assertThat(startedServices(effects, "build")).containsExactly("b");
        assertThat(driver.run().step("build", "a").orElseThrow().state()).isEqualTo(StepState.SKIPPED);

        var end = driver.succeed("build", "b");

        assertThat(only(end, PhaseFinished.class)).singleElement().satisfies(p -> assertThat(p.outcome())
                .isEqualTo(PhaseState.PARTIALLY_FAILED));
        assertThat(driver.run().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void aDeployThatRolledBackSendsItsServiceNoFurtherMovesNoTagAndFailsTheRun() {
        var driver = new RunDriver(plan(
                List.of("a", "b"),
                phase("build", Actions.BUILD, null),
                rollingBackOnFailure(phase("deploy-dev", Actions.DEPLOY, "dev", "build")),
                phase("tag-dev", Actions.TAG_IMAGE, "dev", "deploy-dev"),
                phase("deploy-staging", Actions.DEPLOY, "staging", "deploy-dev")));
        driver.succeed("build", "a");
        driver.succeed("build", "b");

        driver.handle(new RunInput.StepFailed(
                "deploy-dev",
                "a",
                driver.attempt("deploy-dev", "a"),
                false,
                "INTERNAL: smoke checks of a in dev failed: health last answer HTTP 500; rolled back to a-0 in dev in"
                        + " 840 ms (commit c1)",
                840L));
        var effects = driver.succeed("deploy-dev", "b");

        assertThat(startedServices(effects, "tag-dev")).containsExactly("b");
        assertThat(startedServices(effects, "deploy-staging")).containsExactly("b");
        assertThat(driver.run().step("deploy-dev", "a").orElseThrow().lastError())
                .contains("rolled back to a-0 in dev in 840 ms");
        for (String later : List.of("tag-dev", "deploy-staging")) {
            Step skipped = driver.run().step(later, "a").orElseThrow();
            assertThat(skipped.state()).isEqualTo(StepState.SKIPPED);
            assertThat(skipped.lastError()).contains("onFailure: rollback restored dev's previous tag");
        }
        driver.succeed("tag-dev", "b");
        var end = driver.succeed("deploy-staging", "b");

        RunFinished finished = only(end, RunFinished.class).getFirst();
        assertThat(finished.outcome()).isEqualTo(RunState.FAILED);
        assertThat(finished.metrics().services())
                .as("the automatic rollback's time is one of the run's rollback times")
                .satisfiesExactly(
                        a -> assertThat(a.rollbacks())
                                .containsExactly(new RunMetrics.RollbackTime("dev", Duration.ofMillis(840))),
                        b -> assertThat(b.rollbacks()).isEmpty());
    }

    @Test
    void aPausedRunRecordsResultsButStartsNothingUntilResumed() {
        var driver = new RunDriver(splitBuildDeploy("a"));
        assertThat(driver.handle(new Pause("alice"))).isEmpty();

        assertThat(starts(driver.succeed("split", "a"))).isEmpty();
        assertThat(only(driver.handle(new Pause("alice")), CommandRefused.class))
                .hasSize(1);

        var resumed = driver.handle(new Resume("alice"));

        assertThat(startedServices(resumed, "build")).containsExactly("a");
    }

    @Test
    void anAbortedRunEndsAtOnceAndNeverResumes() {
        var driver = new RunDriver(splitBuildDeploy("a"));

        var aborted = driver.handle(new Abort("alice"));
        assertThat(only(aborted, RunFinished.class)).singleElement().satisfies(f -> assertThat(f.outcome())
                .isEqualTo(RunState.ABORTED));

        assertThat(starts(driver.succeed("split", "a"))).isEmpty();
        assertThat(only(driver.handle(new Resume("alice")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(RunState.ABORTED));
        assertThat(driver.run().state()).isEqualTo(RunState.ABORTED);
    }

    @Test
    void finishesWithEachServicesLeadTimeAndTheDeploySuccessRate() {
        var driver = new RunDriver(plan(
                List.of("a", "b"),
                phase("build", Actions.BUILD, null),
                retrying(phase("deploy-dev", Actions.DEPLOY, "dev", "build"), 2, Duration.ZERO)));
        driver.after(Duration.ofSeconds(5)).succeed("build", "a");
        driver.after(Duration.ofSeconds(5)).succeed("build", "b");
        driver.fail("deploy-dev", "b", true);
        driver.handle(new RunInput.Tick());
        driver.after(Duration.ofSeconds(3)).succeed("deploy-dev", "a");
        var end = driver.succeed("deploy-dev", "b");

        RunFinished finished = only(end, RunFinished.class).getFirst();
        assertThat(finished.outcome()).isEqualTo(RunState.SUCCEEDED);
        assertThat(finished.duration()).isEqualTo(Duration.ofSeconds(13));
        assertThat(finished.metrics().deploySuccessRate()).isEqualTo(2.0 / 3.0);
        assertThat(finished.metrics().services())
                .satisfiesExactly(
                        a -> {
                            assertThat(a.leadTime()).isEqualTo(Duration.ofSeconds(13));
                            assertThat(a.deploysAttempted()).isEqualTo(1);
                        },
                        b -> assertThat(b.deploysAttempted()).isEqualTo(2));
    }

    @Test
    void aRollbackRestoresTheImageThatRanPinnedByTheDigestItsDeployReported() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                phase("deploy-dev", Actions.DEPLOY, "dev", "build"),
                phase("hotfix-build", Actions.BUILD, null, "deploy-dev"),
                phase("hotfix-deploy-dev", Actions.DEPLOY, "dev", "hotfix-build"),
                phase("rollback-dev", Actions.ROLLBACK, "dev")));
        driver.succeed("build", "a");
        driver.succeed("deploy-dev", "a");
        driver.succeed("hotfix-build", "a");
        driver.succeed("hotfix-deploy-dev", "a");

        PhaseStartRequested previous =
                starts(driver.handle(new Rollback("a", "dev", null, "alice"))).getFirst();
        driver.rolledBack("rollback-dev", "a", "dev", "a-1");
        PhaseStartRequested named =
                starts(driver.handle(new Rollback("a", "dev", "a-1", "alice"))).getFirst();

        assertThat(previous.services().getFirst().prior().deployedTag())
                .as("the first build's tag with the digest its deploy pinned, not what the tag names now")
                .isEqualTo("a-1@sha256:1");
        assertThat(named.services().getFirst().prior().deployedTag())
                .as("a tag named in the command is pinned as it ran here")
                .isEqualTo("a-1@sha256:1");
    }

    @Test
    void rollsAServiceBackToTheTagDeployedBeforeAndTimesIt() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                phase("deploy-dev", Actions.DEPLOY, "dev", "build"),
                phase("rollback-dev", Actions.ROLLBACK, "dev")));
        driver.succeed("build", "a");
        assertThat(only(driver.handle(new Rollback("a", "dev", null, "alice")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no earlier tag in dev"));
        driver.handle(new Rollback("a", "dev", "a-0", "alice"));
        driver.rolledBack("rollback-dev", "a", "dev", "a-0");
        driver.succeed("deploy-dev", "a");

        var effects = driver.handle(new Rollback("a", "dev", null, "alice"));

        PhaseStartRequested rollback = starts(effects).getFirst();
        assertThat(rollback.action()).isEqualTo(Actions.ROLLBACK);
        assertThat(rollback.phase()).isEqualTo("rollback-dev");
        assertThat(rollback.attempt()).isEqualTo(2);
        assertThat(rollback.services().getFirst().prior().deployedTag()).isEqualTo("a-0");
        assertThat(only(driver.handle(new Rollback("a", "dev", null, "bob")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("already being rolled back"));
        driver.after(Duration.ofSeconds(4)).rolledBack("rollback-dev", "a", "dev", "a-0");
        assertThat(driver.run().view().phases())
                .anySatisfy(p -> assertThat(p.name()).isEqualTo("rollback-dev"));
    }
}
