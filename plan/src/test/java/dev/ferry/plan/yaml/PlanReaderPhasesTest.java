package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import org.junit.jupiter.api.Test;

/** Phases: actions, references to other phases, environments and services, policies, and what each action needs. */
class PlanReaderPhasesTest {

    @Test
    void reportsAnUnknownActionSuggestingTheClosestOne() {
        assertThat(problems(validWith("      action: build", "      action: biuld")))
                .containsExactly(
                        "plan.yaml:30:15 phases[1].action: unknown value \"biuld\" (did you mean"
                                + " \"build\"?); use one of restructure, merge, split, scaffold, configure-repository, build, run, backup-database, restore-database, migrate-data, verify-data, cutover-data, rollback-data, manifests, deploy, tag-image, shift-traffic, rollback, archive, unarchive, gate, wait, restore");
    }

    @Test
    void reportsAMissingAction() {
        assertThat(problems(validWith("    - name: split\n      action: split\n", "    - name: split\n")))
                .contains(
                        "plan.yaml:27:7 phases[0].action: required field \"action\" is missing; give what the"
                                + " phase does: one of restructure, merge, split, scaffold, configure-repository, build, run, backup-database, restore-database, migrate-data, verify-data, cutover-data, rollback-data, manifests, deploy, tag-image, shift-traffic, rollback, archive, unarchive, gate, wait, restore");
    }

    @Test
    void reportsADependencyOnAnUnknownPhaseSuggestingTheClosestOne() {
        assertThat(problems(validWith("dependsOn: [build]", "dependsOn: [bild]")))
                .containsExactly(
                        "plan.yaml:35:19 phases[2].dependsOn: unknown phase \"bild\" (did you mean" + " \"build\"?)");
    }

    @Test
    void namesADependencyCycle() {
        String plan = validWith("      action: split\n", "      action: split\n      dependsOn: [build]\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:29:18 phases[0].dependsOn: dependency cycle split -> build -> split; a"
                        + " phase cannot wait for itself");
    }

    @Test
    void reportsAPhaseThatDependsOnItself() {
        assertThat(problems(validWith("dependsOn: [split]", "dependsOn: [split, build]")))
                .contains("plan.yaml:31:18 phases[1].dependsOn: dependency cycle build -> build; a phase cannot wait"
                        + " for itself");
    }

    @Test
    void reportsADuplicatePhaseWithTheLineOfTheFirst() {
        assertThat(problems(validWith("    - name: deploy-prod", "    - name: deploy-dev")))
                .contains("plan.yaml:36:13 phases[3].name: duplicate phase \"deploy-dev\" (first at line 32)");
    }

    @Test
    void reportsADeployPhaseWithoutEnvironment() {
        assertThat(problems(validWith("      environment: prod\n", "")))
                .containsExactly("plan.yaml:37:15 phases[3].environment: a deploy phase needs an environment: one of"
                        + " dev, prod");
    }

    @Test
    void reportsADeployToAnUnknownEnvironmentSuggestingTheClosestOne() {
        assertThat(problems(validWith("environment: prod", "environment: prd")))
                .containsExactly("plan.yaml:38:20 phases[3].environment: unknown environment \"prd\" (did you mean"
                        + " \"prod\"?)");
    }

    @Test
    void reportsAnEnvironmentOnABuildPhase() {
        assertThat(problems(validWith("      action: build\n", "      action: build\n      environment: dev\n")))
                .containsExactly(
                        "plan.yaml:31:20 phases[1].environment: only run, manifests, deploy, tag-image, shift-traffic and rollback phases have an"
                                + " environment; a build phase takes none");
    }

    @Test
    void reportsARollbackPhaseWithoutEnvironment() {
        String plan = Plans.VALID + "    - name: rollback\n      action: rollback\n";

        assertThat(problems(plan))
                .containsExactly("plan.yaml:42:15 phases[4].environment: a rollback phase needs an environment: one"
                        + " of dev, prod");
    }

    @Test
    void reportsAPhaseForAnUnknownService() {
        String plan = validWith("      dependsOn: [split]\n", "      dependsOn: [split]\n      services: [api, wbe]\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:32:23 phases[1].services: unknown service \"wbe\" (did you mean \"web\"?)");
    }

    @Test
    void reportsAChecklistOnAPhaseThatIsNotAGate() {
        String plan = validWith("      action: split\n", "      action: split\n      checklist: [repos created]\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:29:18 phases[0].checklist: only gate phases have a checklist; a split"
                        + " phase takes none");
    }

    @Test
    void reportsAGateThatWouldNotWaitForApproval() {
        String plan = Plans.VALID + "    - name: check\n      action: gate\n      approval: none\n";

        assertThat(problems(plan))
                .containsExactly("plan.yaml:43:17 phases[4].approval: a gate always waits for a person to approve it;"
                        + " leave approval out");
    }

    @Test
    void reportsRetryAttemptsBelowOne() {
        String plan = validWith("      action: split\n", "      action: split\n      retry: {attempts: 0}\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:29:25 phases[0].retry.attempts: must be at least 1 (the first try"
                        + " counts), was 0");
    }

    @Test
    void reportsABadDuration() {
        String plan =
                validWith("      action: split\n", "      action: split\n      retry: {attempts: 2, backoff: 30}\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:29:37 phases[0].retry.backoff: \"30\" is not a duration; write a number"
                        + " with a unit: 500ms, 30s, 2m, 1h, 2d or a sum such as 1m30s");
    }

    @Test
    void reportsAPauseCapShorterThanThePause() {
        String plan = validWith(
                "      action: split\n",
                "      action: split\n      retry: {attempts: 2, backoff: 1m, maxBackoff: 30s}\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:29:14 phases[0].retry: maxBackoff 30s is shorter than backoff 1m; raise"
                        + " maxBackoff or lower backoff");
    }

    @Test
    void reportsADeployPhaseWhenThePlanHasNoGitops() {
        String plan = validWith(
                "  gitops:\n    repository: https://github.com/acme/gitops.git\n    layout: helm-values\n"
                        + "    path: envs/{env}/{service}/values.yaml\n",
                "");

        assertThat(problems(plan))
                .containsExactly(
                        "plan.yaml:29:15 phases[2].action: a deploy phase records the deployment in a GitOps"
                                + " repository, but the plan has no gitops section",
                        "plan.yaml:33:15 phases[3].action: a deploy phase records the deployment in a GitOps"
                                + " repository, but the plan has no gitops section");
    }

    @Test
    void reportsADeployPhaseThatFindsNoGitopsFileForSomeServices() {
        String plan = validWith("    path: envs/{env}/{service}/values.yaml\n", "")
                .replace("      path: web\n", "      path: web\n      deploy: {path: \"web/{env}.yaml\"}\n");

        assertThat(problems(plan))
                .containsExactly(
                        "plan.yaml:33:15 phases[2].action: deploy phase \"deploy-dev\" has no GitOps file path for"
                                + " api; set gitops.path (e.g. environments/{env}/{service}/values.yaml), the"
                                + " environment's path or the service's deploy.path",
                        "plan.yaml:37:15 phases[3].action: deploy phase \"deploy-prod\" has no GitOps file path for"
                                + " api; set gitops.path (e.g. environments/{env}/{service}/values.yaml), the"
                                + " environment's path or the service's deploy.path");
    }

    @Test
    void reportsABuildPhaseWithoutAnImageRepository() {
        assertThat(problems(validWith("    repository: acme\n", "")))
                .containsExactly("plan.yaml:29:15 phases[1].action: build phase \"build\" has no image repository for"
                        + " api, web; set registry.repository or the service's image.repository");
    }

    @Test
    void reportsABuildPhaseWithNoSplitBeforeIt() {
        assertThat(problems(validWith("      dependsOn: [split]\n", "")))
                .containsExactly("plan.yaml:30:15 phases[1].dependsOn: a build phase works on the repositories a split"
                        + " phase made; add that split phase to dependsOn");
    }

    @Test
    void acceptsABuildPhaseWithNoSplitBeforeItWhenItBuildsAFolderOfTheSource() {
        String plan = validWith("      dependsOn: [split]\n", "      context: services/{service}\n");

        MigrationPlan read = PlanReader.read("plan.yaml", plan);

        assertThat(read.phase("build").orElseThrow().settings()).containsEntry("context", "services/{service}");
        assertThat(DryRun.describe(read))
                .contains("build -> registry.example.com/acme:api-{sha} from services/api of the source at its head"
                        + " with auto")
                .contains("build -> registry.example.com/acme:web-{sha} from services/web of the source at its head"
                        + " with auto");
    }

    @Test
    void reportsABuildContextOutsideTheSourceRepository() {
        String plan = validWith("      dependsOn: [split]\n", "      context: ../{service}\n");

        assertThat(problems(plan))
                .singleElement()
                .asString()
                .contains("phases[1].context: context ../{service} is not a directory inside the source repository");
    }

    @Test
    void reportsASplitPhaseWithoutTargetRepositories() {
        String plan = validWith(
                "  defaults:\n    target:\n      repository: https://github.com/acme/shop-{service}.git\n", "");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:25:15 phases[0].action: split phase \"split\" has no target repository for"
                        + " api, web; set defaults.target.repository (e.g. https://github.com/org/{service}.git) or the"
                        + " service's target.repository");
    }

    @Test
    void reportsASplitPhaseWhenThePlanHasNoSource() {
        assertThat(problems(validWith("  source:\n    repository: https://github.com/acme/shop.git\n", "")))
                .containsExactly("plan.yaml:26:15 phases[0].action: a split phase works on the source repository, but"
                        + " the plan has no source section");
    }

    @Test
    void reportsADeployWithNoBuildBeforeItWhoseTagNamesACommit() {
        String plan = validWith("      dependsOn: [build]\n", "");

        assertThat(problems(plan))
                .hasSize(2)
                .first()
                .isEqualTo("plan.yaml:33:15 phases[2].action: deploy phase \"deploy-dev\" has no build phase"
                        + " before it, so it can only deploy a fixed tag, but the tag template names a commit for api,"
                        + " web; add the build phase to dependsOn, or set registry.tagTemplate to the release to"
                        + " deploy (e.g. v1.0.0)");
    }

    @Test
    void reportsAForwardPhaseThatWaitsForARollback() {
        String plan = Plans.VALID
                + "    - name: rollback-dev\n      action: rollback\n      environment: dev\n"
                + "    - name: cleanup\n      action: archive\n      dependsOn: [rollback-dev]\n";

        assertThat(problems(plan))
                .containsExactly("plan.yaml:46:19 phases[5].dependsOn: phase \"rollback-dev\" is a rollback, which"
                        + " runs only on demand, so this phase would never start");
    }

    @Test
    void readsSignOffsByRoleAsAnApprovalTheyImply() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml",
                validWith(
                        "      approval: required",
                        "      approvals: [{role: developer}, {role: tech-lead}, {role: devops}]"));

        var phase = plan.phase("deploy-prod").orElseThrow();
        assertThat(phase.approvals()).containsExactly("developer", "tech-lead", "devops");
        assertThat(phase.waitsForPerson()).isTrue();
    }

    @Test
    void reportsASignOffWithoutARoleAndOneThatContradictsApprovalNone() {
        assertThat(problems(validWith("      approval: required", "      approvals: [{role: developer}, {who: me}]")))
                .containsExactlyInAnyOrder(
                        "plan.yaml:40:39 phases[3].approvals[1].who: unknown field \"who\"; known here: role",
                        "plan.yaml:40:38 phases[3].approvals[1].role: required field \"role\" is missing; give the"
                                + " role that signs off, e.g. tech-lead");
        assertThat(problems(
                        validWith("      approval: required", "      approval: none\n      approvals: [{role: qa}]")))
                .containsExactly("plan.yaml:40:17 phases[3].approval: approvals lists who must sign off, so the phase"
                        + " waits for them; leave approval out");
    }
}
