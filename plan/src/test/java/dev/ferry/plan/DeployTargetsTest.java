package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import org.junit.jupiter.api.Test;

class DeployTargetsTest {

    private static final EnvironmentDefinition DEV = new EnvironmentDefinition("dev", SamplePlan.GITOPS);

    @Test
    void fillsServiceAndEnvironmentIntoTheEnvironmentsTemplates() {
        ServiceDefinition api = SamplePlan.service("api-gateway", "services/api-gateway", DeploySettings.none());

        assertThat(DeployTargets.resolve(api, DEV))
                .isEqualTo(new ResolvedDeploy(
                        "https://github.com/acme/gitops.git",
                        "main",
                        GitOpsLayoutKind.HELM_VALUES,
                        "environments/dev/api-gateway/values.yaml",
                        null,
                        DeployModeKind.ARGO_CD,
                        "api-gateway-dev",
                        "shop-dev",
                        600,
                        "gitops-token"));
    }

    @Test
    void letsTheServicesOwnSettingsWin() {
        var own = new DeploySettings("apps/{service}/{env}.yaml", "images.{service}.tag", "storefront", "web-{env}");
        ServiceDefinition web = SamplePlan.service("web", "web", own);

        ResolvedDeploy resolved = DeployTargets.resolve(web, DEV);

        assertThat(resolved.filePath()).isEqualTo("apps/web/dev.yaml");
        assertThat(resolved.keyPath()).isEqualTo("images.web.tag");
        assertThat(resolved.application()).isEqualTo("storefront");
        assertThat(resolved.namespace()).isEqualTo("web-dev");
        assertThat(resolved.repository()).isEqualTo("https://github.com/acme/gitops.git");
    }

    @Test
    void keepsTheEnvironmentsSettingForWhatTheServiceLeavesOut() {
        ServiceDefinition web = SamplePlan.service("web", "web", new DeploySettings(null, null, "storefront", null));

        ResolvedDeploy resolved = DeployTargets.resolve(web, new EnvironmentDefinition("prod", SamplePlan.GITOPS));

        assertThat(resolved.filePath()).isEqualTo("environments/prod/web/values.yaml");
        assertThat(resolved.namespace()).isEqualTo("shop-prod");
        assertThat(resolved.application()).isEqualTo("storefront");
    }

    @Test
    void refusesAnEnvironmentWithoutGitOpsSettings() {
        ServiceDefinition api = SamplePlan.service("api", "api", DeploySettings.none());

        assertThatThrownBy(() -> DeployTargets.resolve(api, new EnvironmentDefinition("dev", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment dev has no GitOps settings, so service api cannot be deployed there");
    }
}
