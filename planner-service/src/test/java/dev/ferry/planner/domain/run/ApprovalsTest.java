package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.startedServices;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.splitBuildDeploy;
import static dev.ferry.planner.domain.run.TestPlans.withApproval;
import static dev.ferry.planner.domain.run.TestPlans.withChecklist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.action.Actions;
import dev.ferry.planner.domain.run.RunEffect.ApprovalRequested;
import dev.ferry.planner.domain.run.RunEffect.CommandRefused;
import dev.ferry.planner.domain.run.RunInput.Approve;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phases that wait for a person: an approval asked once, refused when early or misplaced, and gates. */
class ApprovalsTest {

    @Test
    void aPhaseNeedingApprovalAsksOnceWhenEveryServiceIsReadyAndStartsOnlyAfterApproval() {
        var driver = new RunDriver(plan(
                List.of("a", "b"),
                phase("build", Actions.BUILD, null),
                withApproval(phase("deploy-prod", Actions.DEPLOY, "prod", "build"))));

        assertThat(only(driver.succeed("build", "a"), ApprovalRequested.class)).isEmpty();
        var asked = driver.succeed("build", "b");
        assertThat(only(asked, ApprovalRequested.class)).singleElement().satisfies(request -> assertThat(
                        request.services())
                .extracting(RunEffect.ServiceStart::service)
                .containsExactly("a", "b"));
        assertThat(starts(asked)).isEmpty();
        assertThat(driver.run().view().phases().get(1).state()).isEqualTo(PhaseState.AWAITING_APPROVAL);

        var approved = driver.handle(new Approve("deploy-prod", "prod", "alice"));

        assertThat(startedServices(approved, "deploy-prod")).containsExactly("a", "b");
        assertThat(only(driver.handle(new Approve("deploy-prod", null, "bob")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("already approved by alice"));
    }

    @Test
    void refusesAnApprovalBeforeThePhaseAsksForIt() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                withApproval(phase("deploy-prod", Actions.DEPLOY, "prod", "build"))));

        var refused = only(driver.handle(new Approve("deploy-prod", null, "alice")), CommandRefused.class);

        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.command()).isEqualTo("approve");
            assertThat(r.reason()).contains("not waiting for approval yet");
        });
    }

    @Test
    void refusesApprovingAPhaseThatDoesNotExistOrNeedsNoApproval() {
        var driver = new RunDriver(splitBuildDeploy("a"));

        assertThat(only(driver.handle(new Approve("deploy-prd", null, "alice")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("no phase \"deploy-prd\""));
        assertThat(only(driver.handle(new Approve("build", null, "alice")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("does not need approval"));
    }

    @Test
    void aGateWaitsForItsChecklistToBeApprovedThenLetsLaterPhasesStart() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("split", Actions.SPLIT, null),
                withChecklist(phase("review", Actions.GATE, null, "split"), "CODEOWNERS set", "branch protection"),
                phase("build", Actions.BUILD, null, "review")));

        var asked = driver.succeed("split", "a");
        assertThat(only(asked, ApprovalRequested.class)).singleElement().satisfies(r -> assertThat(r.checklist())
                .containsExactly("CODEOWNERS set", "branch protection"));

        var approved = driver.handle(new Approve("review", null, "alice"));

        assertThat(startedServices(approved, "build")).containsExactly("a");
        assertThat(driver.run().step("review", "a").orElseThrow().result())
                .isEqualTo(StepResult.of("approvedBy", "alice"));
    }
}
