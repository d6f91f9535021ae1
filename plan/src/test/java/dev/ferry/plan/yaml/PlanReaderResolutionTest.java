package dev.ferry.plan.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.GitOpsDefinition;
import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.ServiceDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Defaults and overrides are merged by the reader, so the plan it returns is complete per service and environment. */
class PlanReaderResolutionTest {

    /** Every layer of settings in use; the schema's tests check it too. */
    static final String LAYERED = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: layered
            spec:
              source:
                repository: https://github.com/acme/mono.git
                credentialRef: mono-token
              defaults:
                target:
                  repository: https://github.com/acme/{service}.git
                  visibility: private
                  credentialRef: gh-token
                image:
                  builder: github-actions
                  workflow: build-{service}.yml
                  buildArgs: {NODE_ENV: production}
                retry: {attempts: 3, backoff: 1m}
                onFailure: continue
                parameters: {team: platform}
              registry:
                host: 123456789012.dkr.ecr.us-east-2.amazonaws.com
                repository: shop-ecr
                createRepository: true
              gitops:
                repository: https://github.com/acme/gitops.git
                layout: helm-values
                path: envs/{env}/{service}/values.yaml
                namespace: shop-{env}
              environments:
                - name: dev
                - name: prod
                  branch: release
                  mode: direct-kubernetes
                  syncTimeout: 15m
              services:
                - name: api
                  path: services/api
                  port: 8080
                  buildArgs: {API_LEVEL: "3"}
                - name: web
                  path: web
                  target: {repository: https://github.com/acme/storefront.git, visibility: public}
                  image: {builder: jib, tagTemplate: "web-{short-sha}"}
                  deploy: {path: "web/{env}.yaml", keyPath: frontend.image.tag}
              phases:
                - name: split
                  action: split
                - name: build
                  action: build
                  dependsOn: split
                  retry: {attempts: 5}
                - name: deploy-prod
                  action: deploy
                  environment: prod
                  dependsOn: [build]
                  onFailure: stop
                  approval: true
                - name: sign-off
                  action: gate
                  dependsOn: [deploy-prod]
                  checklist: [smoke tests pass]
            """;

    private final MigrationPlan plan = PlanReader.read("layered.yaml", LAYERED);

    @Test
    void appliesTargetDefaultsToEachServiceUnlessItSaysOtherwise() {
        assertThat(service("api").target().repository()).isEqualTo("https://github.com/acme/api.git");
        assertThat(service("api").target().visibility()).isEqualTo("private");
        assertThat(service("api").target().defaultBranch()).isEqualTo("main");
        assertThat(service("web").target().repository()).isEqualTo("https://github.com/acme/storefront.git");
        assertThat(service("web").target().visibility()).isEqualTo("public");
        assertThat(service("web").target().credentialRef()).isEqualTo("gh-token");
    }

    @Test
    void laysServiceImageOverDefaultsOverRegistry() {
        assertThat(service("api").image().registry()).isEqualTo("123456789012.dkr.ecr.us-east-2.amazonaws.com");
        assertThat(service("api").image().repository()).isEqualTo("shop-ecr");
        assertThat(service("api").image().tagTemplate()).isEqualTo("{service}-{sha}");
        assertThat(service("api").image().builder()).isEqualTo("github-actions");
        assertThat(service("api").image().workflow()).isEqualTo("build-api.yml");
        assertThat(service("api").image().buildArgs())
                .containsOnly(entry("NODE_ENV", "production"), entry("API_LEVEL", "3"));
        assertThat(service("web").image().builder()).isEqualTo("jib");
        assertThat(service("web").image().tagTemplate()).isEqualTo("web-{short-sha}");
    }

    @Test
    void passesWhatWorkersReadAsParameters() {
        assertThat(service("api").parameters())
                .containsOnly(
                        entry("team", "platform"),
                        entry("build-arg.NODE_ENV", "production"),
                        entry("build-arg.API_LEVEL", "3"),
                        entry("image.createRepository", "true"),
                        entry("port", "8080"),
                        entry("sourceCredentialRef", "mono-token"));
        assertThat(service("web").parameters()).doesNotContainKey("port");
    }

    @Test
    void mergesEachEnvironmentsOverridesIntoThePlanGitops() {
        GitOpsDefinition dev = plan.environment("dev").orElseThrow().gitops();
        GitOpsDefinition prod = plan.environment("prod").orElseThrow().gitops();

        assertThat(dev)
                .isEqualTo(new GitOpsDefinition(
                        "https://github.com/acme/gitops.git",
                        "main",
                        GitOpsLayoutKind.HELM_VALUES,
                        "envs/{env}/{service}/values.yaml",
                        null,
                        DeployModeKind.ARGO_CD,
                        "{service}-{env}",
                        "shop-{env}",
                        600,
                        null));
        assertThat(prod.branch()).isEqualTo("release");
        assertThat(prod.mode()).isEqualTo(DeployModeKind.DIRECT_KUBERNETES);
        assertThat(prod.application()).isNull();
        assertThat(prod.syncTimeoutSeconds()).isEqualTo(900);
        assertThat(prod.filePath()).isEqualTo(dev.filePath());
    }

    @Test
    void keepsServiceDeployOverridesAsTemplates() {
        assertThat(service("web").deploy().filePath()).isEqualTo("web/{env}.yaml");
        assertThat(service("web").deploy().keyPath()).isEqualTo("frontend.image.tag");
        assertThat(service("api").deploy().filePath()).isNull();
    }

    @Test
    void laysPhaseRetryOverDefaultRetry() {
        assertThat(phase("split").retry())
                .isEqualTo(new RetryPolicy(3, Duration.ofMinutes(1), 2, Duration.ofMinutes(5)));
        assertThat(phase("build").retry())
                .isEqualTo(new RetryPolicy(5, Duration.ofMinutes(1), 2, Duration.ofMinutes(5)));
    }

    @Test
    void appliesTheDefaultFailurePolicyUnlessThePhaseSaysOtherwise() {
        assertThat(phase("build").onFailure()).isEqualTo(FailurePolicy.CONTINUE);
        assertThat(phase("deploy-prod").onFailure()).isEqualTo(FailurePolicy.STOP);
    }

    @Test
    void readsApprovalsAndGates() {
        assertThat(phase("deploy-prod").approvalRequired()).isTrue();
        assertThat(phase("build").approvalRequired()).isFalse();
        assertThat(phase("sign-off").approvalRequired())
                .as("a gate always waits for a person")
                .isTrue();
        assertThat(phase("sign-off").checklist()).containsExactly("smoke tests pass");
        assertThat(phase("build").dependsOn())
                .as("a single name is a list of one")
                .containsExactly("split");
    }

    @Test
    void usesPlainDefaultsWhenThePlanSaysNothing() {
        MigrationPlan minimal = PlanReader.read("plan.yaml", Plans.VALID);

        PhaseDefinition split = minimal.phase("split").orElseThrow();
        assertThat(split.retry()).isEqualTo(RetryPolicy.none());
        assertThat(split.onFailure()).isEqualTo(FailurePolicy.STOP);
        assertThat(split.barrier()).isFalse();
        assertThat(minimal.source().branch()).isEqualTo("main");
        ServiceDefinition api = minimal.service("api").orElseThrow();
        assertThat(api.image().builder()).isEqualTo("auto");
        assertThat(api.image().movingTags()).isEmpty();
        assertThat(api.parameters()).isEmpty();
        GitOpsDefinition dev = minimal.environment("dev").orElseThrow().gitops();
        assertThat(dev.mode()).isEqualTo(DeployModeKind.ARGO_CD);
        assertThat(dev.syncTimeoutSeconds()).isEqualTo(600);
        assertThat(dev.branch()).isEqualTo("main");
    }

    private ServiceDefinition service(String name) {
        return plan.service(name).orElseThrow();
    }

    private PhaseDefinition phase(String name) {
        return plan.phase(name).orElseThrow();
    }
}
