package dev.ferry.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.deploy.domain.ClusterTracking;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagLocation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a plan's gitops section of seed 000 and seed 001 becomes a deploy step. */
class StepRequestsTest {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());

    @Test
    void readsSeed000sHelmValuesStepWithItsKeyPathAndDigest() {
        var gitops = gitops(GitOpsLayout.HELM_VALUES, DeployMode.ARGO_CD)
                .setFilePath("environments/prod/user-service/values.yaml")
                .setKeyPath("images.userService.tag")
                .setApplication("fitsync-prod")
                .setSyncTimeoutSeconds(300)
                .build();
        var prior = PriorResults.newBuilder()
                .setImageTag("user-service-3f2a9c1")
                .setImageDigest("sha256:" + "d".repeat(64))
                .build();

        var request =
                StepRequests.of(phase(PhaseAction.DEPLOY, "prod", work(gitops, prior)), work(gitops, prior), "argocd");

        assertThat(request.change().location())
                .isEqualTo(new TagLocation.HelmValue(KeyPath.parse("images.userService.tag")));
        assertThat(request.change().version().tag()).isEqualTo("user-service-3f2a9c1");
        assertThat(request.change().version().digest()).contains("sha256:" + "d".repeat(64));
        assertThat(request.tracking())
                .isEqualTo(new ClusterTracking.ArgoCd("argocd", "fitsync-prod", Duration.ofSeconds(300)));
        assertThat(request.change().environment()).isEqualTo("prod");
        assertThat(request.change().rollback()).isFalse();
    }

    @Test
    void defaultsSeed001sKustomizeImageAndApplicationToTheServiceName() {
        var gitops = gitops(GitOpsLayout.KUSTOMIZE, DeployMode.ARGO_CD).build();
        var work = work(gitops, PriorResults.newBuilder().setImageTag("3f2a9c1").build());

        var request = StepRequests.of(phase(PhaseAction.DEPLOY, "dev", work), work, "argocd");

        assertThat(request.change().location()).isEqualTo(new TagLocation.KustomizeImage("auth"));
        assertThat(request.tracking())
                .isEqualTo(new ClusterTracking.ArgoCd("argocd", "auth-dev", Duration.ofSeconds(600)));
    }

    @Test
    void rollsBackToTheDeployedTagNotTheNewImage() {
        var gitops = gitops(GitOpsLayout.KUSTOMIZE, DeployMode.GITOPS_ONLY).build();
        var prior = PriorResults.newBuilder()
                .setImageTag("new")
                .setDeployedTag("old")
                .build();
        var work = work(gitops, prior);

        var request = StepRequests.of(phase(PhaseAction.ROLLBACK, "dev", work), work, "argocd");

        assertThat(request.change().version().tag()).isEqualTo("old");
        assertThat(request.change().rollback()).isTrue();
        assertThat(request.tracking()).isEqualTo(new ClusterTracking.GitOpsOnly());
    }

    @Test
    void rollsBackToThePinnedImageWhenTheRestoredDeployHadPinnedIt() {
        String digest = "sha256:" + "a".repeat(64);
        var gitops = gitops(GitOpsLayout.KUSTOMIZE, DeployMode.GITOPS_ONLY).build();
        var prior = PriorResults.newBuilder()
                .setImageTag("new")
                .setImageDigest("sha256:" + "b".repeat(64))
                .setDeployedTag("old@" + digest)
                .build();
        var work = work(gitops, prior);

        var request = StepRequests.of(phase(PhaseAction.ROLLBACK, "dev", work), work, "argocd");

        assertThat(request.change().version().tag()).isEqualTo("old");
        assertThat(request.change().version().digest()).contains(digest);
    }

    @Test
    void directModeDefaultsToTheServicesDeploymentInTheDefaultNamespace() {
        var gitops = gitops(GitOpsLayout.PLAIN_MANIFEST, DeployMode.DIRECT_KUBERNETES)
                .build();
        var work = work(gitops, PriorResults.newBuilder().setImageTag("v2").build());

        var request = StepRequests.of(phase(PhaseAction.DEPLOY, "dev", work), work, "argocd");

        assertThat(request.change().location()).isEqualTo(new TagLocation.ContainerImage("auth"));
        assertThat(request.tracking())
                .isEqualTo(new ClusterTracking.Direct("default", "auth", "auth", Duration.ofSeconds(600)));
    }

    @Test
    void namesTheServiceAndFieldOfEveryBadInput() {
        var kustomize = gitops(GitOpsLayout.KUSTOMIZE, DeployMode.ARGO_CD).build();
        var noTag = work(kustomize, PriorResults.newBuilder().build());
        var unknownMode =
                work(gitops(GitOpsLayout.KUSTOMIZE, DeployMode.UNKNOWN).build(), tagged());
        var noGitops = ServiceWork.newBuilder(work(kustomize, tagged()))
                .setGitops(null)
                .build();

        assertThatThrownBy(() -> StepRequests.of(phase(PhaseAction.ROLLBACK, "dev", noTag), noTag, "argocd"))
                .hasMessage("service auth cannot be rolled back: prior.deployedTag is empty, so there is no earlier"
                        + " tag to restore");
        assertThatThrownBy(() -> StepRequests.of(phase(PhaseAction.DEPLOY, "dev", unknownMode), unknownMode, "a"))
                .hasMessageContaining("service auth has gitops.mode UNKNOWN");
        assertThatThrownBy(() -> StepRequests.of(phase(PhaseAction.DEPLOY, "dev", noGitops), noGitops, "a"))
                .hasMessageContaining("service auth has no gitops section");
        assertThatThrownBy(() -> StepRequests.of(phase(PhaseAction.DEPLOY, null, noTag), noTag, "a"))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("service auth is deployed by a phase without an environment");
    }

    private static PriorResults tagged() {
        return PriorResults.newBuilder().setImageTag("v2").build();
    }

    private static GitOpsSpec.Builder gitops(GitOpsLayout layout, DeployMode mode) {
        return GitOpsSpec.newBuilder()
                .setRepository("https://gitlab.com/ta-microservices/gitops.git")
                .setLayout(layout)
                .setFilePath("apps/auth/overlays/dev/kustomization.yaml")
                .setMode(mode);
    }

    private static ServiceWork work(GitOpsSpec gitops, PriorResults prior) {
        return ServiceWork.newBuilder()
                .setService("auth")
                .setSource(new SourceSpec("mono", "main", "services/auth", null))
                .setGitops(gitops)
                .setPrior(prior)
                .build();
    }

    private static PhaseStarted phase(PhaseAction action, String environment, ServiceWork work) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first("m-1"))
                .setPlanName("plan")
                .setPhase("deploy")
                .setAction(action)
                .setEnvironment(environment)
                .setServices(List.of(work))
                .build();
    }
}
