package dev.ferry.planner.domain.run;

import static dev.ferry.planner.domain.run.RunDriver.only;
import static dev.ferry.planner.domain.run.RunDriver.startedServices;
import static dev.ferry.planner.domain.run.RunDriver.starts;
import static dev.ferry.planner.domain.run.TestPlans.phase;
import static dev.ferry.planner.domain.run.TestPlans.plan;
import static dev.ferry.planner.domain.run.TestPlans.splitBuildDeploy;
import static dev.ferry.planner.domain.run.TestPlans.withApproval;
import static dev.ferry.planner.domain.run.TestPlans.withApprovals;
import static dev.ferry.planner.domain.run.TestPlans.withChecklist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void aPhaseListingRolesStartsOnceEachRoleSignedOffByADifferentPerson() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                withApprovals(phase("deploy-prod", Actions.DEPLOY, "prod", "build"), "developer", "tech-lead")));
        driver.succeed("build", "a");

        assertThat(only(driver.handle(approve("dana", "developer")), CommandRefused.class))
                .isEmpty();
        assertThat(only(driver.handle(approve("dana", "tech-lead")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .isEqualTo("dana (cli) already signed off phase deploy-prod as developer; each role needs a"
                                + " different person"));
        assertThat(only(driver.handle(approve("erin", "developer")), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .isEqualTo("phase deploy-prod needs no more sign-offs as developer; still missing: tech-lead"));
        assertThat(only(driver.handle(approve("erin", null)), CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("needs sign-offs as tech-lead; say which one"));
        RunView.PhaseView waiting = driver.run().view().phases().get(1);
        assertThat(waiting.state()).isEqualTo(PhaseState.AWAITING_APPROVAL);
        assertThat(waiting.approvalsMissing()).containsExactly("tech-lead");
        assertThat(waiting.approvals())
                .extracting(Approval::by, Approval::role)
                .containsExactly(tuple("dana (cli)", "developer"));

        var approved = driver.handle(approve("tom", "tech-lead"));

        assertThat(startedServices(approved, "deploy-prod")).containsExactly("a");
        RunView.PhaseView done = driver.run().view().phases().get(1);
        assertThat(done.approvedBy()).isEqualTo("dana (cli) as developer, tom (cli) as tech-lead");
        assertThat(done.approvals()).extracting(Approval::at).containsOnly(driver.now());
    }

    @Test
    void aVerifiedApproverWhoHoldsOneOfTheMissingRolesNeedNotNameIt() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                withApprovals(phase("deploy-prod", Actions.DEPLOY, "prod", "build"), "developer", "devops")));
        driver.succeed("build", "a");

        driver.handle(new Approve("deploy-prod", null, null, "dana (cli)", List.of("developer")));
        assertThat(only(
                        driver.handle(new Approve("deploy-prod", null, null, "olga (cli)", List.of("operator"))),
                        CommandRefused.class))
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .isEqualTo("olga (cli) may not approve deploy-prod: it takes the role developer or devops or"
                                + " admin; their roles: operator"));
        var approved = driver.handle(new Approve("deploy-prod", null, null, "sam (cli)", List.of("devops", "viewer")));

        assertThat(startedServices(approved, "deploy-prod")).containsExactly("a");
        assertThat(driver.run().view().phases().get(1).approvedBy())
                .isEqualTo("dana (cli) as developer, sam (cli) as devops");
    }

    @Test
    void aSingleApprovalTakesTheApproverRoleForThePhasesEnvironmentWhateverRoleIsClaimed() {
        var driver = new RunDriver(plan(
                List.of("a"),
                phase("build", Actions.BUILD, null),
                withApproval(phase("deploy-prod", Actions.DEPLOY, "prod", "build"))));
        driver.succeed("build", "a");

        assertThat(only(
                        driver.handle(new Approve("deploy-prod", null, "tech-lead", "tom (cli)", List.of("tech-lead"))),
                        CommandRefused.class))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.reason()).contains("it takes the role approver or approver:prod or admin"));
        assertThat(only(
                        driver.handle(new Approve("deploy-prod", null, null, "dev (cli)", List.of("approver:dev"))),
                        CommandRefused.class))
                .hasSize(1);

        var approved = driver.handle(new Approve("deploy-prod", null, null, "pat (cli)", List.of("approver:prod")));

        assertThat(startedServices(approved, "deploy-prod")).containsExactly("a");
    }

    private static Approve approve(String person, String role) {
        return new Approve("deploy-prod", null, role, person + " (cli)", null);
    }
}
