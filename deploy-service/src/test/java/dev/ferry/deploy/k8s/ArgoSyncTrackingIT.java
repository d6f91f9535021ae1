package dev.ferry.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.ArgoSyncWatcher;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.SyncReport;
import dev.ferry.deploy.k8s.FakeArgoController.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Follows Argo CD applications on fabric8's mock API server, moved by a fake application controller. */
class ArgoSyncTrackingIT {

    private static final String COMMIT = "c0ffee0000000000000000000000000000000001";
    /** A later commit on the branch (someone else's), which contains ours. */
    private static final String DESCENDANT = "c0ffee0000000000000000000000000000000002";

    private static final BiPredicate<String, String> HISTORY =
            (revision, commit) -> revision.equals(commit) || (revision.equals(DESCENDANT) && commit.equals(COMMIT));

    private MockCluster cluster;
    private FakeArgoController argo;
    private ArgoSyncWatcher watcher;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        argo = new FakeArgoController(cluster.client, () -> DESCENDANT);
        watcher = new ArgoSyncWatcher(
                new FabricArgoCdApplications(cluster.client),
                Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()),
                Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        argo.close();
        cluster.close();
    }

    @Test
    void requestsASyncToTheCommitWhenAutoSyncIsOffAndWaitsForHealthy() {
        argo.createApplication("auth-dev", false, Scenario.HEALTHY);

        var report = await("auth-dev", Duration.ofSeconds(60));

        assertThat(argo.syncRequests()).containsExactly("auth-dev@" + COMMIT);
        assertThat(report.sync()).isEqualTo(SyncReport.Sync.SYNCED);
        assertThat(report.health()).isEqualTo(SyncReport.Health.HEALTHY);
        assertThat(report.syncedRevision()).contains(COMMIT);
        assertThat(report.target()).contains("auth-dev");
    }

    @Test
    void acceptsALaterRevisionThatContainsTheCommitWithAutoSync() {
        argo.createApplication("auth-dev", true, Scenario.HEALTHY);

        var report = await("auth-dev", Duration.ofSeconds(60));

        assertThat(argo.syncRequests()).isEmpty();
        assertThat(report.syncedRevision()).isEqualTo(Optional.of(DESCENDANT));
    }

    @Test
    void reportsDegradedWithTheApplicationsOwnMessages() {
        argo.createApplication("auth-dev", true, Scenario.DEGRADED);

        assertThatThrownBy(() -> await("auth-dev", Duration.ofSeconds(60)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("Argo CD application auth-dev is Degraded after syncing")
                .hasMessageContaining("Deployment auth has timed out progressing")
                .hasMessageContaining("Deployment/auth Degraded: ReplicaSet auth-7c9 has timed out progressing");
    }

    @Test
    void reportsProgressingTooLongAtThePlansTimeout() {
        argo.createApplication("auth-dev", true, Scenario.PROGRESSING_FOREVER);

        assertThatThrownBy(() -> await("auth-dev", Duration.ofSeconds(1)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("has been Progressing too long after 1 s (gitops.syncTimeoutSeconds)")
                .hasMessageContaining("1 of 3 updated replicas are available")
                .satisfies(e -> assertThat(((StepFailure) e).kind()).isEqualTo(StepFailure.Kind.TIMEOUT));
    }

    @Test
    void reportsOutOfSyncAndMissingWithTheComparisonError() {
        argo.createApplication("auth-dev", true, Scenario.COMPARISON_ERROR);

        assertThatThrownBy(() -> await("auth-dev", Duration.ofSeconds(1)))
                .hasMessageContaining("is still OutOfSync")
                .hasMessageContaining("health Missing")
                .hasMessageContaining("ComparisonError: rpc error: kustomize build apps/auth/overlays/dev failed");
    }

    @Test
    void stopsAtOnceWhenTheSyncOperationFailed() {
        argo.createApplication("auth-dev", false, Scenario.SYNC_FAILS);

        assertThatThrownBy(() -> await("auth-dev", Duration.ofSeconds(60)))
                .hasMessageContaining("Argo CD could not sync auth-dev to c0ffee000000")
                .hasMessageContaining("admission webhook denied the request");
    }

    @Test
    void saysWhichApplicationIsMissing() {
        assertThatThrownBy(() -> await("payment-dev", Duration.ofSeconds(60)))
                .hasMessage("Argo CD application payment-dev does not exist in namespace argocd; create it (bootstrap)"
                        + " or fix the plan's gitops.application")
                .satisfies(e -> assertThat(((StepFailure) e).kind()).isEqualTo(StepFailure.Kind.NOT_FOUND));
    }

    private SyncReport await(String application, Duration timeout) {
        return watcher.await(FakeArgoController.NAMESPACE, application, COMMIT, timeout, HISTORY);
    }
}
