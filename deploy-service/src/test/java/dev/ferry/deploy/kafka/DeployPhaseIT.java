package dev.ferry.deploy.kafka;

import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.fileAtHead;
import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.kustomizeOverlays;
import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.overlay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.DeployMode;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.GitOpsLayout;
import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.deploy.DeployApplication;
import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import dev.ferry.deploy.k8s.FakeArgoController;
import dev.ferry.deploy.k8s.FakeKubelet;
import dev.ferry.deploy.k8s.MockCluster;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.ServiceBoot;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * deploy-service as it runs: the Spring Boot application on a real Kafka broker, writing to a real git server over
 * smart HTTP with basic auth, and following Argo CD on fabric8's mock API server.
 */
class DeployPhaseIT {

    private static final String USER = "ferry-bot";
    private static final String TOKEN = "ghp_secret-token-that-must-not-leak";
    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());

    @TempDir
    static Path work;

    static SmartHttpGitServer git;
    static MockCluster cluster;
    static FakeArgoController argo;
    static FakeKubelet kubelet;
    static ConfigurableApplicationContext app;
    static ResultReader results;

    @BeforeAll
    static void start() {
        git = SmartHttpGitServer.start(USER, TOKEN).denyNonFastForwards(true);
        cluster = new MockCluster();
        argo = new FakeArgoController(cluster.client, () -> {
            throw new IllegalStateException("applications of this test do not auto-sync");
        });
        kubelet = new FakeKubelet(cluster.client);
        app = boot();
        results = new ResultReader();
    }

    @AfterAll
    static void stop() {
        results.close();
        app.close();
        argo.close();
        kubelet.close();
        cluster.close();
        git.close();
    }

    static ConfigurableApplicationContext boot() {
        return ServiceBoot.start(
                DeployApplication.class,
                "--ferry.deploy.workspace-dir=" + work.resolve("workspaces"),
                "--ferry.deploy.credentials.gitops.username=" + USER,
                "--ferry.deploy.credentials.gitops.token=" + TOKEN,
                "--ferry.deploy.poll-interval=20ms",
                "--ferry.deploy.kubernetes-url="
                        + cluster.client.getConfiguration().getMasterUrl());
    }

    @Test
    void deploysEveryServiceOfAPhaseInGitOpsOnlyModeAndSaysNoClusterIsTracked() throws Exception {
        String repo = seededRepository("only", List.of("auth", "user", "order"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth", "user", "order"), "v2");

        publish(phase);
        var synced = results.synced(phase, 3);

        assertThat(synced).extracting(DeploySynced::getService).containsExactlyInAnyOrder("auth", "user", "order");
        for (var event : synced) {
            assertThat(event.getSyncStatus()).isEqualTo(SyncStatus.NOT_TRACKED);
            assertThat(event.getHealth()).isEqualTo(HealthStatus.NOT_TRACKED);
            assertThat(event.getEnvironment()).isEqualTo("dev");
            assertThat(event.getImageTag()).isEqualTo(event.getService() + "-v2");
            assertThat(event.getGitopsCommit()).isNotNull();
            assertThat(event.getMessage()).contains("Mode GITOPS_ONLY: no cluster is configured");
            assertThat(event.getMetadata().getCausationId())
                    .isEqualTo(phase.getMetadata().getEventId());
            assertThat(event.getRollback()).isFalse();
        }
        try (Repository bare = git.open("only")) {
            for (String service : List.of("auth", "user", "order")) {
                assertThat(fileAtHead(bare, overlay(service, "dev"))).contains("newTag: " + service + "-v2   # set by");
            }
        }
    }

    @Test
    void aRedeliveredPhaseRunsNoStepTwice() throws Exception {
        String repo = seededRepository("redelivery", List.of("auth"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v2");
        publish(phase);
        results.synced(phase, 1);
        int commits;
        try (Repository bare = git.open("redelivery")) {
            commits = GitOpsRepositoryFixture.commitCount(bare);
        }

        publish(phase);
        // A later record on the same partition: once its result is in, the duplicate before it has been handled.
        var marker = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v3");
        marker.getMetadata().setMigrationId(phase.getMetadata().getMigrationId());
        publish(marker);
        results.synced(marker, 1);

        assertThat(results.syncedFor(phase)).hasSize(1);
        try (Repository bare = git.open("redelivery")) {
            assertThat(GitOpsRepositoryFixture.commitCount(bare)).isEqualTo(commits + 1);
        }
    }

    @Test
    void afterARestartARedeliveredStepReportsItsEarlierCommitWithoutANewOne() throws Exception {
        String repo = seededRepository("restart", List.of("auth"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v2");
        publish(phase);
        String commit = results.synced(phase, 1).getFirst().getGitopsCommit();

        app.close();
        app = boot();
        publish(phase);

        await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .until(() -> results.syncedFor(phase).size() == 2);
        assertThat(results.syncedFor(phase))
                .extracting(DeploySynced::getGitopsCommit)
                .containsOnly(commit);
        try (Repository bare = git.open("restart")) {
            assertThat(GitOpsRepositoryFixture.commitCount(bare)).isEqualTo(2);
        }
    }

    @Test
    void followsArgoCdUntilSyncedAndHealthyAtTheCommit() throws Exception {
        String repo = seededRepository("argo", List.of("auth"));
        argo.createApplication("auth-dev", false, FakeArgoController.Scenario.HEALTHY);
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.ARGO_CD, List.of("auth"), "v2");

        publish(phase);
        var synced = results.synced(phase, 1).getFirst();

        assertThat(synced.getApplication()).isEqualTo("auth-dev");
        assertThat(synced.getSyncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(synced.getHealth()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(synced.getSyncedRevision()).isEqualTo(synced.getGitopsCommit());
        assertThat(argo.syncRequests()).contains("auth-dev@" + synced.getGitopsCommit());
    }

    @Test
    void withoutArgoCdPatchesTheDeploymentAndWaitsForItsRollout() throws Exception {
        String repo = seededRepository("direct", List.of("pay"));
        kubelet.createDeployment("pay", "registry.example:5000/shop/pay:pay-v1", 2, FakeKubelet.Scenario.HEALTHY);
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.DIRECT_KUBERNETES, List.of("pay"), "v2");
        phase.getServices().getFirst().getGitops().setNamespace(FakeKubelet.NAMESPACE);

        publish(phase);
        var synced = results.synced(phase, 1).getFirst();

        assertThat(kubelet.imageOf("pay")).isEqualTo("registry.example:5000/shop/pay:pay-v2");
        assertThat(synced.getApplication()).isEqualTo("shop/pay");
        assertThat(synced.getSyncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(synced.getHealth()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(synced.getMessage()).contains("rolled out pay-v2: 2/2 updated, 2/2 available");
        assertThat(synced.getGitopsCommit())
                .as("the GitOps file says what runs")
                .isNotNull();
    }

    @Test
    void reportsADegradedApplicationAsAFailedStepWithArgosMessage() throws Exception {
        String repo = seededRepository("degraded", List.of("cart"));
        argo.createApplication("cart-dev", false, FakeArgoController.Scenario.DEGRADED);
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.ARGO_CD, List.of("cart"), "v2");

        publish(phase);
        var failed = results.failed(phase, 1).getFirst();

        assertThat(failed.getService()).isEqualTo("cart");
        assertThat(failed.getAction()).isEqualTo(PhaseAction.DEPLOY);
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(failed.getReason())
                .contains("Argo CD application cart-dev is Degraded after syncing")
                .contains("Deployment auth has timed out progressing");
    }

    @Test
    void rollsBackToThePriorTagWithANewCommitAndSaysItWasARollback() throws Exception {
        String repo = seededRepository("rollback", List.of("auth"));
        var deploy = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v2");
        publish(deploy);
        String deployCommit = results.synced(deploy, 1).getFirst().getGitopsCommit();
        var rollback = phase(PhaseAction.ROLLBACK, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v2");
        rollback.getServices().getFirst().getPrior().setDeployedTag("v0.0.1");

        publish(rollback);
        var synced = results.synced(rollback, 1).getFirst();

        assertThat(synced.getRollback()).isTrue();
        assertThat(synced.getImageTag()).isEqualTo("v0.0.1");
        assertThat(synced.getDurationMillis()).isNotNegative();
        try (Repository bare = git.open("rollback")) {
            assertThat(fileAtHead(bare, overlay("auth", "dev"))).contains("newTag: v0.0.1   # set by Ferry");
            var walk = new org.eclipse.jgit.revwalk.RevWalk(bare);
            var head = walk.parseCommit(bare.resolve("refs/heads/main"));
            assertThat(head.getParent(0).getName())
                    .as("a new commit on top, nothing rewritten")
                    .isEqualTo(deployCommit);
            assertThat(head.getShortMessage())
                    .isEqualTo("Roll back auth to v0.0.1 in dev (migration "
                            + rollback.getMetadata().getMigrationId() + ")");
            walk.close();
        }
    }

    @Test
    void reportsEachBadServiceAsAFailedStepAndDeploysTheRest() throws Exception {
        String repo = seededRepository("bad", List.of("auth", "user"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth", "user", "ghost"), "v2");
        phase.getServices().get(1).getPrior().setImageTag(null);

        publish(phase);
        var failed = results.failed(phase, 2);
        var synced = results.synced(phase, 1);

        assertThat(synced).extracting(DeploySynced::getService).containsExactly("auth");
        assertThat(failed)
                .filteredOn(f -> f.getService().equals("user"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(f.getReason()).contains("service user has no prior.imageTag to deploy");
                });
        assertThat(failed)
                .filteredOn(f -> f.getService().equals("ghost"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getErrorKind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(f.getReason()).contains("apps/ghost/overlays/dev/kustomization.yaml does not exist");
                });
        assertThat(failed).allSatisfy(f -> assertThat(f.getReason()).doesNotContain(TOKEN));
    }

    @Test
    void bootstrapsAServiceTheRepositoryDoesNotHaveYetAndDeploysItInTheSameCommit() throws Exception {
        String repo = git.createRepository("bootstrap");
        GitOpsRepositoryFixture.seed(
                repo,
                work.resolve("seed-bootstrap"),
                new UsernamePasswordCredentialsProvider(USER, TOKEN),
                Map.of("README.md", "GitOps repository\n"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("search"), "v1");
        phase.getServices().getFirst().setParameters(Map.of("bootstrap", "true", "port", "8080"));

        publish(phase);
        var synced = results.synced(phase, 1).getFirst();

        try (Repository bare = git.open("bootstrap")) {
            assertThat(fileAtHead(bare, overlay("search", "dev"))).contains("- name: search\n  newTag: search-v1\n");
            assertThat(fileAtHead(bare, "apps/search/base/deployment.yaml")).contains("readinessProbe:");
            assertThat(fileAtHead(bare, "apps/search/application-dev.yaml"))
                    .contains("repoURL: " + repo)
                    .doesNotContain(TOKEN);
            assertThat(fileAtHead(bare, "projects/dev-environment.yaml")).contains("kind: AppProject");
            assertThat(GitOpsRepositoryFixture.commitCount(bare)).isEqualTo(2);
        }
        assertThat(synced.getGitopsCommit()).isNotNull();
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndKeepsGoing() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.shared().bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.PHASE_STARTED.name(),
                            key.getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        String repo = seededRepository("after-garbage", List.of("auth"));
        var phase = phase(PhaseAction.DEPLOY, repo, DeployMode.GITOPS_ONLY, List.of("auth"), "v2");
        publish(phase);

        assertThat(results.synced(phase, 1)).hasSize(1);
        assertThat(results.deadLetterKeys()).contains(key);
    }

    private static String seededRepository(String name, List<String> services) throws Exception {
        String url = git.createRepository(name);
        GitOpsRepositoryFixture.seed(
                url,
                work.resolve("seed-" + name),
                new UsernamePasswordCredentialsProvider(USER, TOKEN),
                kustomizeOverlays(services, "dev"));
        return url;
    }

    private static void publish(PhaseStarted phase) throws Exception {
        app.getBean(EventPublisher.class).publish(phase).get();
    }

    private static PhaseStarted phase(
            PhaseAction action, String repo, DeployMode mode, List<String> services, String tagSuffix) {
        var work = new ArrayList<ServiceWork>();
        for (String service : services) {
            work.add(ServiceWork.newBuilder()
                    .setService(service)
                    .setSource(new SourceSpec("https://git.example/mono.git", "main", "services/" + service, null))
                    .setGitops(GitOpsSpec.newBuilder()
                            .setRepository(repo)
                            .setBranch("main")
                            .setLayout(GitOpsLayout.KUSTOMIZE)
                            .setFilePath(overlay(service, "dev"))
                            .setMode(mode)
                            .setSyncTimeoutSeconds(60)
                            .setCredentialRef("gitops")
                            .build())
                    .setPrior(PriorResults.newBuilder()
                            .setImageTag(service + "-" + tagSuffix)
                            .build())
                    .build());
        }
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first("mig-" + UUID.randomUUID()))
                .setPlanName("seed-001")
                .setPhase(action == PhaseAction.ROLLBACK ? "rollback-dev" : "deploy-dev")
                .setAction(action)
                .setEnvironment("dev")
                .setServices(work)
                .build();
    }

    /** Reads deploy.synced, step.failed and the dead letters of phase.started from the start of the topics. */
    static final class ResultReader implements AutoCloseable {
        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final List<SpecificRecord> seen = new CopyOnWriteArrayList<>();
        private final KafkaConsumer<String, byte[]> deadLetters;

        ResultReader() {
            String bootstrap = KafkaTestBroker.shared().bootstrapServers();
            consumer = ResultConsumers.fromStart(
                    "deploy-phase-it", List.of(Topics.DEPLOY_SYNCED.name(), Topics.STEP_FAILED.name()));
            deadLetters = ResultConsumers.fromStart(
                    "deploy-phase-it-dlq",
                    List.of(Topics.PHASE_STARTED.deadLetterName()),
                    org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        }

        List<DeploySynced> synced(PhaseStarted phase, int expected) {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> poll() && syncedFor(phase).size() >= expected);
            return syncedFor(phase);
        }

        List<StepFailed> failed(PhaseStarted phase, int expected) {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> poll() && failedFor(phase).size() >= expected);
            return failedFor(phase);
        }

        List<DeploySynced> syncedFor(PhaseStarted phase) {
            poll();
            return seen.stream()
                    .filter(DeploySynced.class::isInstance)
                    .map(DeploySynced.class::cast)
                    .filter(s -> phase.getMetadata()
                            .getEventId()
                            .equals(s.getMetadata().getCausationId()))
                    .toList();
        }

        private List<StepFailed> failedFor(PhaseStarted phase) {
            return seen.stream()
                    .filter(StepFailed.class::isInstance)
                    .map(StepFailed.class::cast)
                    .filter(s -> phase.getMetadata()
                            .getEventId()
                            .equals(s.getMetadata().getCausationId()))
                    .toList();
        }

        List<String> deadLetterKeys() {
            var keys = new ArrayList<String>();
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return !keys.isEmpty();
            });
            return keys;
        }

        private boolean poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            return true;
        }

        @Override
        public void close() {
            consumer.close();
            deadLetters.close();
        }
    }
}
