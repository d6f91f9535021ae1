package dev.ferry.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.check.SmokeChecks;
import dev.ferry.deploy.domain.check.SmokeProbe;
import dev.ferry.plan.action.SmokeCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A deploy step's checks, its automatic rollback, and the Application a first deploy creates, on in-memory ports. */
class DeployStepRunnerTest {

    private static final String OVERLAY = "apps/order/overlays/dev/kustomization.yaml";
    private static final SmokeCheck HEALTH = SmokeCheck.parse("health", "https://{service}.{env}.example.com/health");

    private final GitOpsWriteBackTest.FakeWorkspace workspace = new GitOpsWriteBackTest.FakeWorkspace();
    private final Map<String, Integer> answers = new HashMap<>();
    private final InMemoryApplications applications = new InMemoryApplications();

    DeployStepRunnerTest() {
        workspace.remoteFiles.put(OVERLAY, overlay("  newTag: v1\n"));
    }

    /** The dev overlay with the given lines under its order image entry. */
    private static String overlay(String entryLines) {
        return "resources:\n- ../../base\nimages:\n- name: order\n" + entryLines;
    }

    private DeployStepRunner runner() {
        SmokeProbe probe = (check, url, timeout) -> new SmokeProbe.Answer(answers.getOrDefault(url, 0), "", true);
        var clusters = new Clusters() {
            @Override
            public ArgoCdApplications applications(String environment) {
                return applications;
            }

            @Override
            public DeploymentRollouts deployments(String environment) {
                throw new UnsupportedOperationException("these steps follow Argo CD, not Deployments");
            }

            @Override
            public String argocdNamespace(String environment) {
                return "argocd";
            }
        };
        return new DeployStepRunner(
                new WriteBacks(target -> workspace, Executors.newVirtualThreadPerTaskExecutor(), 3),
                clusters,
                apps -> new ArgoSyncWatcher(apps, Clock.systemUTC(), d -> {}, Duration.ZERO),
                null,
                new SmokeChecks(probe, Clock.systemUTC(), d -> {}, Duration.ofMillis(1)),
                Clock.systemUTC());
    }

    private static DeployRequest request(
            ClusterTracking tracking, Optional<RollbackTarget> rollbackTo, Map<String, String> files) {
        var change = new TagChange(
                "order",
                "dev",
                "mig-1",
                OVERLAY,
                new TagLocation.KustomizeImage("order"),
                ImageVersion.tagged("v2"),
                false,
                "event-1/order",
                files);
        return new DeployRequest(
                new GitOpsTarget("https://git.example/gitops.git", "main", Optional.empty()),
                change,
                tracking,
                List.of(HEALTH),
                Duration.ofMillis(50),
                rollbackTo);
    }

    @Test
    void aFailingCheckRestoresThePreviousTagAndSaysHowLongItTook() {
        answers.put("https://order.dev.example.com/health", 500);

        assertThatThrownBy(() -> runner().run(request(
                        new ClusterTracking.GitOpsOnly(), Optional.of(new RollbackTarget.Tag("v1")), Map.of())))
                .isInstanceOfSatisfying(RolledBackFailure.class, failure -> assertThat(failure.getMessage())
                        .as("the message says it in words, the failure carries it as a number")
                        .contains("rolled back to v1 in dev in "
                                + failure.rollbackTime().toMillis() + " ms"))
                .hasMessageContaining("health FAILED")
                .hasMessageMatching("(?s).*rolled back to v1 in dev in \\d+ ms \\(commit c\\d+\\)");
        assertThat(workspace.remoteFiles.get(OVERLAY)).contains("newTag: v1");
        assertThat(workspace.messages).hasSize(2);
    }

    @Test
    void restoresThePinnedDigestTheFileHeldBeforeItsWriteNotJustTheTag() {
        String verified = "sha256:" + "7".repeat(64);
        workspace.remoteFiles.put(OVERLAY, overlay("  newTag: v0\n  digest: " + verified + "\n"));
        answers.put("https://order.dev.example.com/health", 500);

        assertThatThrownBy(() -> runner().run(request(
                        new ClusterTracking.GitOpsOnly(), Optional.of(new RollbackTarget.BeforeWrite()), Map.of())))
                .hasMessageContaining("rolled back to v0@" + verified + " in dev in ");
        assertThat(workspace.remoteFiles.get(OVERLAY)).contains("  newTag: v0\n  digest: " + verified + "\n");
    }

    @Test
    void aRunThatHasNotDeployedThereYetRestoresTheTagTheFileHeldBeforeItsWrite() {
        workspace.remoteFiles.put(OVERLAY, overlay("  newTag: v0-from-an-earlier-run\n"));
        answers.put("https://order.dev.example.com/health", 500);

        assertThatThrownBy(() -> runner().run(request(
                        new ClusterTracking.GitOpsOnly(), Optional.of(new RollbackTarget.BeforeWrite()), Map.of())))
                .hasMessageContaining("health FAILED")
                .hasMessageContaining("rolled back to v0-from-an-earlier-run in dev in ");
        assertThat(workspace.remoteFiles.get(OVERLAY)).contains("newTag: v0-from-an-earlier-run");
        assertThat(workspace.messages).hasSize(2);
    }

    @Test
    void aFileThatHeldNoTagLeavesNothingToRestore() {
        workspace.remoteFiles.put(OVERLAY, overlay(""));
        answers.put("https://order.dev.example.com/health", 500);

        assertThatThrownBy(() -> runner().run(request(
                        new ClusterTracking.GitOpsOnly(), Optional.of(new RollbackTarget.BeforeWrite()), Map.of())))
                .hasMessageContaining("health FAILED")
                .hasMessageNotContaining("rolled back");
        assertThat(workspace.messages).hasSize(1);
    }

    @Test
    void withoutRollbackTheFailedVersionStays() {
        answers.put("https://order.dev.example.com/health", 503);

        assertThatThrownBy(() -> runner().run(request(new ClusterTracking.GitOpsOnly(), Optional.empty(), Map.of())))
                .hasMessageContaining("last answer HTTP 503")
                .hasMessageNotContaining("rolled back");
        assertThat(workspace.remoteFiles.get(OVERLAY)).contains("newTag: v2");
    }

    @Test
    void passingChecksAreReportedWithTheSync() {
        answers.put("https://order.dev.example.com/health", 200);

        DeployResult result = runner().run(
                        request(new ClusterTracking.GitOpsOnly(), Optional.of(new RollbackTarget.Tag("v1")), Map.of()));

        assertThat(result.sync().message().orElseThrow())
                .contains("smoke checks passed: health passed (GET https://order.dev.example.com/health");
        assertThat(workspace.remoteFiles.get(OVERLAY)).contains("newTag: v2");
    }

    @Test
    void aFirstDeployCreatesTheApplicationFromTheBootstrapFileBeforeFollowingIt() {
        answers.put("https://order.dev.example.com/health", 200);
        String application = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: order-dev}\n";
        var tracking = new ClusterTracking.ArgoCd("argocd", "order-dev", Duration.ofSeconds(5));

        runner().run(request(tracking, Optional.empty(), Map.of("apps/order/application-dev.yaml", application)));

        assertThat(applications.applied).containsExactly("argocd:" + application);
    }

    /** Argo CD that knows no Application until one is applied, then reports it Synced at the branch head. */
    private final class InMemoryApplications implements ArgoCdApplications {
        final List<String> applied = new ArrayList<>();

        @Override
        public Optional<ArgoApplicationState> read(String namespace, String application) {
            if (applied.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ArgoApplicationState(
                    "Synced",
                    Optional.of(workspace.remoteCommits.getLast()),
                    "Healthy",
                    true,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    List.of()));
        }

        @Override
        public void requestSync(String namespace, String application, String revision) {}

        @Override
        public void apply(String namespace, String manifest) {
            applied.add(namespace + ":" + manifest);
        }
    }
}
