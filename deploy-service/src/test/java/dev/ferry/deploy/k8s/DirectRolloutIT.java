package dev.ferry.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.RolloutWatcher;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.SyncReport;
import dev.ferry.deploy.k8s.FakeKubelet.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Direct mode on fabric8's mock API server, with a fake kubelet reporting pod statuses. */
class DirectRolloutIT {

    private MockCluster cluster;
    private FakeKubelet kubelet;
    private RolloutWatcher watcher;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        kubelet = new FakeKubelet(cluster.client);
        watcher = new RolloutWatcher(
                new FabricDeploymentRollouts(cluster.client),
                Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()),
                Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        kubelet.close();
        cluster.close();
    }

    @Test
    void patchesTheImageKeepingItsRepositoryAndWaitsForEveryReplica() {
        kubelet.createDeployment("auth", "localhost:5000/ta/auth:v1.0.0", 3, Scenario.HEALTHY);

        var report = rollOut("v1.1.0", Duration.ofSeconds(60));

        assertThat(kubelet.imageOf("auth")).isEqualTo("localhost:5000/ta/auth:v1.1.0");
        assertThat(report.sync()).isEqualTo(SyncReport.Sync.SYNCED);
        assertThat(report.health()).isEqualTo(SyncReport.Health.HEALTHY);
        assertThat(report.message()).hasValueSatisfying(m -> assertThat(m).contains("3/3 updated, 3/3 available"));
    }

    @Test
    void reportsCrashLoopBackOffFromThePodsAtOnce() {
        kubelet.createDeployment("auth", "ta/auth:v1.0.0", 2, Scenario.CRASH_LOOP);

        assertThatThrownBy(() -> rollOut("v1.1.0", Duration.ofSeconds(60)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("deployment shop/auth cannot roll out v1.1.0")
                .hasMessageContaining("pod auth-5d4f-0 container auth CrashLoopBackOff: back-off 1m20s");
    }

    @Test
    void reportsImagePullBackOff() {
        kubelet.createDeployment("auth", "ta/auth:v1.0.0", 1, Scenario.IMAGE_PULL_FAILS);

        assertThatThrownBy(() -> rollOut("v9.9.9", Duration.ofSeconds(60)))
                .hasMessageContaining("ImagePullBackOff: Back-off pulling image \"ta/auth:v9.9.9\"");
    }

    @Test
    void reportsFailingReadinessProbesWhenTheTimeoutComes() {
        kubelet.createDeployment("auth", "ta/auth:v1.0.0", 1, Scenario.READINESS_FAILS);

        assertThatThrownBy(() -> rollOut("v1.1.0", Duration.ofSeconds(1)))
                .hasMessageContaining("did not finish rolling out v1.1.0 within 1 s")
                .hasMessageContaining("0/1 available")
                .hasMessageContaining("container auth is running but not ready (readiness probe failing)")
                .satisfies(e -> assertThat(((StepFailure) e).kind()).isEqualTo(StepFailure.Kind.TIMEOUT));
    }

    @Test
    void reportsProgressDeadlineExceeded() {
        kubelet.createDeployment("auth", "ta/auth:v1.0.0", 1, Scenario.DEADLINE_EXCEEDED);

        assertThatThrownBy(() -> rollOut("v1.1.0", Duration.ofSeconds(60)))
                .hasMessageContaining("ProgressDeadlineExceeded: ReplicaSet \"auth-5d4f\" has timed out progressing.");
    }

    @Test
    void namesTheContainersWhenTheServiceHasNone() {
        kubelet.createDeployment("auth", "ta/auth:v1.0.0", 1, Scenario.HEALTHY);

        assertThatThrownBy(() -> watcher.rollOut(
                        FakeKubelet.NAMESPACE, "auth", "web", ImageVersion.tagged("v2"), Duration.ofSeconds(5)))
                .hasMessageContaining("deployment shop/auth has no container named web (containers: auth, envoy)");
    }

    @Test
    void rollsOutInTheClusterOfTheEnvironmentNotTheDefaultOne() {
        try (var production = new MockCluster();
                var productionKubelet = new FakeKubelet(production.client);
                var clusters = new FabricClusters(
                        cluster.client,
                        "argocd",
                        Map.of(
                                "production",
                                new FabricClusters.Cluster(
                                        production.client.getConfiguration().getMasterUrl(),
                                        Optional.empty(),
                                        "argocd")),
                        ref -> Optional.empty())) {
            kubelet.createDeployment("auth", "ta/auth:v1.0.0", 1, Scenario.HEALTHY);
            productionKubelet.createDeployment("auth", "ta/auth:v1.0.0", 2, Scenario.HEALTHY);
            var inProduction = new RolloutWatcher(
                    clusters.deployments("production"),
                    Clock.systemUTC(),
                    d -> Thread.sleep(d.toMillis()),
                    Duration.ofMillis(20));

            var report = inProduction.rollOut(
                    FakeKubelet.NAMESPACE, "auth", "auth", ImageVersion.tagged("v1.1.0"), Duration.ofSeconds(60));

            assertThat(report.message()).hasValueSatisfying(m -> assertThat(m).contains("2/2 available"));
            assertThat(productionKubelet.imageOf("auth")).isEqualTo("ta/auth:v1.1.0");
            assertThat(kubelet.imageOf("auth"))
                    .as("the default cluster's Deployment is not production's")
                    .isEqualTo("ta/auth:v1.0.0");
        }
    }

    private SyncReport rollOut(String tag, Duration timeout) {
        return watcher.rollOut(FakeKubelet.NAMESPACE, "auth", "auth", ImageVersion.tagged(tag), timeout);
    }
}
