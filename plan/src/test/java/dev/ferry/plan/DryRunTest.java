package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DryRunTest {

    private final String text = DryRun.describe(SamplePlan.twoServices());

    @Test
    void listsEachServicesStepsInRunningOrder() {
        assertThat(section("api-gateway (services/api-gateway)"))
                .containsSubsequence(
                        "  1. split -> services/api-gateway -> https://github.com/acme/shop-api-gateway.git (branch"
                                + " main)\n",
                        "  2. build -> 123.dkr.ecr.us-east-2.amazonaws.com/shop-ecr:api-gateway-{sha} with jib; moving"
                                + " tags api-gateway-latest\n",
                        "  3. deploy-dev -> environments/dev/api-gateway/values.yaml image.tag (Argo CD app"
                                + " api-gateway-dev, namespace shop-dev)\n",
                        "  4. checks -> gate: 1-item checklist [waits for approval]\n",
                        "  5. deploy-prod -> environments/prod/api-gateway/values.yaml image.tag (Argo CD app"
                                + " api-gateway-prod, namespace shop-prod) [waits for approval]\n",
                        "  6. cutover -> archive https://github.com/acme/shop.git (made read-only) [barrier: starts"
                                + " when every service is ready]\n");
    }

    @Test
    void marksRollbacksAsOnDemand() {
        assertThat(section("api-gateway (services/api-gateway)"))
                .contains("  on demand: rollback-prod -> restore the previous tag in"
                        + " environments/prod/api-gateway/values.yaml image.tag (Argo CD app api-gateway-prod,"
                        + " namespace shop-prod)\n");
        assertThat(text).contains("  on demand: rollback-prod (rollback in prod)\n");
    }

    @Test
    void usesTheServicesOwnDeploySettings() {
        assertThat(section("frontend (frontend)"))
                .contains("3. deploy-dev -> environments/dev/frontend/values.yaml image.tag (Argo CD app web-dev,"
                        + " namespace shop-dev)");
    }

    @Test
    void skipsPhasesThatDoNotApplyToAService() {
        assertThat(section("frontend (frontend)")).doesNotContain("cutover");
    }

    @Test
    void showsGatesWithTheirChecklistAndPhasePoliciesOnce() {
        assertThat(text)
                .contains("  4. checks (gate) after deploy-dev [waits for approval]\n       [ ] smoke tests pass\n")
                .contains("  5. deploy-prod (deploy) after checks [waits for approval; up to 3 attempts, 30s apart x2"
                        + " up to 5m]\n")
                .contains("  6. cutover (archive) after deploy-prod [barrier: starts when every service is ready; on"
                        + " failure the other services continue]\n");
    }

    @Test
    void opensWithThePlanItsSourceAndEnvironments() {
        assertThat(text)
                .startsWith("Plan shop: 2 services, 7 phases\nSource: https://github.com/acme/shop.git (branch main)\n"
                        + "Environment dev: https://github.com/acme/gitops.git (branch main), helm-values, argo-cd,"
                        + " sync within 10m\n");
    }

    @Test
    void givesTheSameStepsAsDataForTheDashboardAndScripts() {
        DryRun dryRun = DryRun.of(SamplePlan.twoServices());

        assertThat(dryRun.phases())
                .filteredOn(DryRun.Phase::onDemand)
                .singleElement()
                .satisfies(rollback -> {
                    assertThat(rollback.name()).isEqualTo("rollback-prod");
                    assertThat(rollback.environment()).isEqualTo("prod");
                });
        assertThat(dryRun.phases().get(3).checklist()).containsExactly("smoke tests pass");
        DryRun.Service gateway = dryRun.services().get(0);
        assertThat(gateway.name()).isEqualTo("api-gateway");
        assertThat(gateway.steps()).extracting(DryRun.Step::phase).startsWith("split", "build", "deploy-dev");
        assertThat(gateway.steps().get(4).marks()).containsExactly("waits for approval");
        assertThat(text)
                .contains("  5. deploy-prod -> " + gateway.steps().get(4).does() + " [waits for approval]\n");
    }

    /** The lines of one service, from its heading to the next blank line. */
    private String section(String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertThat(start).as("service heading %s", heading).isNotNegative();
        int end = text.indexOf("\n\n", start + 1);
        return text.substring(start + 1, end < 0 ? text.length() : end + 1);
    }
}
