package dev.ferry.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.manifest.EditResult;
import dev.ferry.deploy.domain.manifest.ManifestEditor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class GitOpsBootstrapTest {

    private static final BootstrapSpec AUTH_DEV = new BootstrapSpec(
            "auth",
            "dev",
            "apps/auth/overlays/dev/kustomization.yaml",
            "registry.gitlab.com/ta-microservices/auth",
            "https://gitlab.com/ta-microservices/gitops.git",
            80,
            "/health/ready",
            true,
            "auth-dev",
            "argocd",
            "auth-dev");

    @Test
    void laysOutTheServiceAsSeed001Does() {
        assertThat(GitOpsBootstrap.files(AUTH_DEV))
                .containsOnlyKeys(
                        "apps/auth/base/deployment.yaml",
                        "apps/auth/base/service.yaml",
                        "apps/auth/base/kustomization.yaml",
                        "apps/auth/overlays/dev/kustomization.yaml",
                        "apps/auth/application-dev.yaml",
                        "projects/dev-environment.yaml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesTheDeploymentProbesAndResources() {
        Map<String, Object> deployment =
                new Yaml().load(GitOpsBootstrap.files(AUTH_DEV).get("apps/auth/base/deployment.yaml"));

        var container = (Map<String, Object>) at(deployment, "spec", "template", "spec", "containers", 0);
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/ready");
        assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
        assertThat(at(container, "resources", "limits", "memory")).isEqualTo("512Mi");
        assertThat(at(container, "ports", 0, "containerPort")).isEqualTo(80);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pointsTheApplicationAtTheOverlayInItsEnvironmentsProject() {
        var files = GitOpsBootstrap.files(AUTH_DEV);
        Map<String, Object> app = new Yaml().load(files.get("apps/auth/application-dev.yaml"));
        Map<String, Object> project = new Yaml().load(files.get("projects/dev-environment.yaml"));

        assertThat(at(app, "metadata", "name")).isEqualTo("auth-dev");
        assertThat(at(app, "spec", "project")).isEqualTo(at(project, "metadata", "name"));
        assertThat(at(app, "spec", "source", "path")).isEqualTo("apps/auth/overlays/dev");
        assertThat(at(app, "spec", "syncPolicy", "automated", "selfHeal")).isEqualTo(true);
        assertThat((List<Object>) at(project, "spec", "sourceRepos"))
                .containsExactly("https://gitlab.com/ta-microservices/gitops.git");
    }

    @Test
    void leavesTheOverlayReadyForTheFirstTagBump() {
        String overlay = GitOpsBootstrap.files(AUTH_DEV).get("apps/auth/overlays/dev/kustomization.yaml");

        var edited = ManifestEditor.edit(
                "overlay", overlay, new TagLocation.KustomizeImage("auth"), ImageVersion.tagged("auth-3f2a9c1"));

        assertThat(((EditResult.Changed) edited).text())
                .contains(
                        "- name: auth\n  newTag: auth-3f2a9c1\n  newName: registry.gitlab.com/ta-microservices/auth\n");
    }

    @Test
    void refusesAFilePathOutsideTheSeedsLayout() {
        assertThatThrownBy(() -> new BootstrapSpec(
                        "auth",
                        "dev",
                        "environments/dev/auth/values.yaml",
                        "auth",
                        "https://x/g.git",
                        80,
                        "/h",
                        true,
                        "auth-dev",
                        "argocd",
                        "auth-dev"))
                .hasMessageContaining("bootstrap lays out <app>/overlays/<env>/kustomization.yaml (seed 001)");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, Object... path) {
        Object current = node;
        for (Object key : path) {
            current = key instanceof Integer i
                    ? ((List<Object>) current).get(i)
                    : ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
