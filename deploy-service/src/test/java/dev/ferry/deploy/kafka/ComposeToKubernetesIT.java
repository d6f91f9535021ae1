package dev.ferry.deploy.kafka;

import static dev.ferry.deploy.jgit.GitOpsRepositoryFixture.fileAtHead;
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
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.deploy.DeployApplication;
import dev.ferry.deploy.domain.compose.ComposeFixture;
import dev.ferry.deploy.http.SmokeServer;
import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import dev.ferry.deploy.k8s.GitOpsArgoController;
import dev.ferry.deploy.k8s.MockCluster;
import dev.ferry.plan.action.Manifests;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seed 003 (examples/compose-to-kubernetes.yaml) and seed 001 (examples/gitops-rollout-23-services.yaml) through
 * deploy-service as it runs, fed the {@code phase.started} records the planner sends for those plans' phases: a real
 * Kafka broker, real git repositories, fabric8's mock API server for two clusters (dev and staging share one,
 * production has its own), a test stand-in for Argo CD that syncs the Applications from the GitOps repository into
 * Deployments, and real HTTP servers on localhost answering the smoke checks.
 */
class ComposeToKubernetesIT {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final List<String> SEED_003 = SeedServices.SEED_003;
    private static final String PROD_TOKEN = "prod-cluster-token-that-must-not-leak";
    private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    @TempDir
    static Path work;

    static MockCluster shared;
    static MockCluster production;
    static SmokeServer smoke;
    static ConfigurableApplicationContext app;
    static Results results;

    @BeforeAll
    static void start() {
        shared = new MockCluster();
        production = new MockCluster();
        smoke = new SmokeServer();
        app = ServiceBoot.start(
                DeployApplication.class,
                "--ferry.deploy.workspace-dir=" + work.resolve("workspaces"),
                "--ferry.deploy.poll-interval=20ms",
                "--ferry.deploy.kubernetes-url="
                        + shared.client.getConfiguration().getMasterUrl(),
                "--ferry.deploy.clusters.production.url="
                        + production.client.getConfiguration().getMasterUrl(),
                "--ferry.deploy.clusters.production.credential-ref=prod-cluster",
                "--ferry.deploy.clusters.production.argocd-namespace=argocd-prod",
                "--ferry.deploy.credentials.prod-cluster.username=ferry",
                "--ferry.deploy.credentials.prod-cluster.token=" + PROD_TOKEN,
                "--ferry.deploy.clusters.broken.url=http://127.0.0.1:9",
                "--ferry.deploy.clusters.broken.credential-ref=prod-cluster");
        results = new Results();
    }

    @AfterAll
    static void stop() {
        results.close();
        app.close();
        smoke.close();
        production.close();
        shared.close();
    }

    @Test
    void seed003ManifestsApplicationsSyncAndSmokeChecksThenAFailingCheckRollsBack() throws Exception {
        Path gitops = bare("gitops-003");
        GitOpsRepositoryFixture.seed(
                gitops.toUri().toString(), work.resolve("seed-gitops-003"), null, Map.of("README.md", "GitOps\n"));
        String source = sourceRepository("source-003");
        try (var argo = new GitOpsArgoController(shared.client, gitops, "argocd");
                var argoProd = new GitOpsArgoController(production.client, gitops, "argocd-prod")) {
            var manifests = phase(PhaseAction.MANIFESTS, "kubernetes-manifests", "dev", gitops, source, SEED_003);
            manifests.setSettings(manifestSettings());
            publish(manifests);

            var written = results.succeeded(manifests, 5);
            assertThat(written).extracting(StepSucceeded::getService).containsExactlyInAnyOrderElementsOf(SEED_003);
            assertThat(written).allSatisfy(s -> assertThat(s.getOutputs().get(Manifests.MANIFESTS_COMMIT))
                    .isNotBlank());
            assertThat(output(written, "order-service", Manifests.UNFAITHFUL))
                    .contains("network_mode: host")
                    .contains("privileged: true");
            try (Repository bare = open(gitops)) {
                assertThat(fileAtHead(bare, "apps/user-service/base/hpa.yaml")).contains("maxReplicas: 10");
                assertThat(fileAtHead(bare, "apps/user-service/overlays/production/ingress.yaml"))
                        .contains("user-service.production.inventory.example.com");
            }
            for (String service : SEED_003) {
                assertThat(shared.hasApplication("argocd", service + "-dev"))
                        .as(service + " dev")
                        .isTrue();
                assertThat(shared.hasApplication("argocd", service + "-staging"))
                        .isTrue();
                assertThat(production.hasApplication("argocd-prod", service + "-production"))
                        .as("production's Application is in production's cluster")
                        .isTrue();
                assertThat(shared.hasApplication("argocd", service + "-production"))
                        .isFalse();
                smoke.answer("/dev/" + service + "/health", 200, "{\"status\":\"UP\"}");
                smoke.answer("/production/" + service + "/health", 200, "{\"status\":\"UP\"}");
            }

            var deployDev = deployPhase("deploy-dev", "dev", gitops, source, SEED_003, "a1b2c3d", null);
            publish(deployDev);
            var synced = results.synced(deployDev, 5);
            assertThat(synced).allSatisfy(s -> {
                assertThat(s.getSyncStatus()).isEqualTo(SyncStatus.SYNCED);
                assertThat(s.getHealth()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(s.getMessage()).contains("smoke checks passed: health passed");
            });
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(argo.imageOf("inventory-dev", "user-service"))
                            .isEqualTo(REGISTRY + "/user-service:a1b2c3d"));

            // Production deploys the digest dev verified: the overlay pins it next to the tag.
            String verified = "sha256:" + "5e".repeat(32);
            var deployProd = deployPhase("deploy-production", "production", gitops, source, SEED_003, "a1b2c3d", null);
            deployProd.getServices().forEach(work -> work.getPrior().setImageDigest(verified));
            publish(deployProd);
            assertThat(results.synced(deployProd, 5))
                    .allSatisfy(s -> assertThat(s.getHealth()).isEqualTo(HealthStatus.HEALTHY));
            assertThat(argoProd.deployment("inventory-production", "order-service"))
                    .as("production runs in production's cluster")
                    .isNotNull();
            assertThat(argo.deployment("inventory-production", "order-service")).isNull();
            try (Repository bare = open(gitops)) {
                assertThat(fileAtHead(bare, "apps/user-service/overlays/production/kustomization.yaml"))
                        .contains("  newTag: a1b2c3d\n  digest: " + verified + "\n");
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(argoProd.imageOf("inventory-production", "user-service"))
                            .isEqualTo(REGISTRY + "/user-service:a1b2c3d@" + verified));

            // Second run: order-service's new version answers 500; the phase rolls back on failure.
            smoke.answer("/dev/order-service/health", 500, "{\"status\":\"DOWN\"}");
            var broken =
                    deployPhase("deploy-dev", "dev", gitops, source, List.of("order-service"), "e4f5a6b", "a1b2c3d");
            publish(broken);
            StepFailed failed = results.failed(broken, 1).getFirst();

            assertThat(failed.getRetryable()).isFalse();
            assertThat(failed.getReason())
                    .contains("smoke checks of order-service in dev failed")
                    .contains("last answer HTTP 500")
                    .contains("rolled back to a1b2c3d in dev in " + failed.getRollbackMillis() + " ms (commit ");
            try (Repository bare = open(gitops)) {
                assertThat(fileAtHead(bare, "apps/order-service/overlays/dev/kustomization.yaml"))
                        .contains("newTag: a1b2c3d");
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(argo.imageOf("inventory-dev", "order-service"))
                            .isEqualTo(REGISTRY + "/order-service:a1b2c3d"));

            // A commanded rollback to a version that ran pinned restores the pin with the tag, so production runs
            // exactly the image it ran before, whatever the tag names now.
            String next = "sha256:" + "6f".repeat(32);
            var deployNext = deployPhase(
                    "deploy-production", "production", gitops, source, List.of("user-service"), "e4f5a6b", null);
            deployNext.getServices().forEach(work -> work.getPrior().setImageDigest(next));
            publish(deployNext);
            assertThat(results.synced(deployNext, 1)).singleElement().satisfies(s -> assertThat(s.getImageDigest())
                    .isEqualTo(next));
            var rollback = phase(
                    PhaseAction.ROLLBACK, "rollback-production", "production", gitops, source, List.of("user-service"));
            rollback.getServices()
                    .forEach(work -> work.setPrior(PriorResults.newBuilder()
                            .setImageTag("e4f5a6b")
                            .setImageDigest(next)
                            .setDeployedTag("a1b2c3d@" + verified)
                            .build()));
            publish(rollback);
            assertThat(results.synced(rollback, 1)).singleElement().satisfies(s -> assertThat(s.getRollback())
                    .isTrue());
            try (Repository bare = open(gitops)) {
                assertThat(fileAtHead(bare, "apps/user-service/overlays/production/kustomization.yaml"))
                        .contains("  newTag: a1b2c3d\n  digest: " + verified + "\n")
                        .doesNotContain(next);
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(argoProd.imageOf("inventory-production", "user-service"))
                            .isEqualTo(REGISTRY + "/user-service:a1b2c3d@" + verified));
        }
    }

    @Test
    void seed001DeploysToProductionWhereTheApplicationsDoNotExistYetNamedSvcProd() throws Exception {
        List<String> all = SeedServices.SEED_001;
        Path gitops = bare("gitops-001");
        GitOpsRepositoryFixture.seed(
                gitops.toUri().toString(), work.resolve("seed-001"), null, Map.of("README.md", "GitOps\n"));
        try (var argoProd = new GitOpsArgoController(production.client, gitops, "argocd-prod")) {
            var phase = phase(PhaseAction.DEPLOY, "deploy-production", "production", gitops, "", all);
            for (ServiceWork work : phase.getServices()) {
                work.getGitops().setApplication(work.getService() + "-prod");
                work.getGitops().setNamespace("core-business-production");
                work.setPrior(PriorResults.newBuilder().setImageTag("v1.0.0").build());
                work.setParameters(Map.of("bootstrap", "true", "healthPath", "/health/ready", "port", "80"));
            }
            publish(phase);

            var synced = results.synced(phase, all.size());

            assertThat(synced).allSatisfy(s -> {
                assertThat(s.getApplication()).isEqualTo(s.getService() + "-prod");
                assertThat(s.getHealth()).isEqualTo(HealthStatus.HEALTHY);
            });
            for (String service : all) {
                assertThat(production.hasApplication("argocd-prod", service + "-prod"))
                        .as(service)
                        .isTrue();
                assertThat(argoProd.imageOf("core-business-production", service))
                        .isEqualTo("registry.gitlab.com/ta-microservices/" + service + ":v1.0.0");
            }
            assertThat(argoProd.syncs()).hasSizeGreaterThanOrEqualTo(all.size());
        }
    }

    @Test
    void anUnreachableClusterIsARetryableFailureNamingTheEnvironmentNotItsToken() throws Exception {
        Path gitops = bare("gitops-broken");
        GitOpsRepositoryFixture.seed(
                gitops.toUri().toString(),
                work.resolve("seed-broken"),
                null,
                GitOpsRepositoryFixture.kustomizeOverlays(List.of("auth"), "broken"));
        var phase = phase(PhaseAction.DEPLOY, "deploy-broken", "broken", gitops, "", List.of("auth"));
        phase.getServices()
                .getFirst()
                .setPrior(PriorResults.newBuilder().setImageTag("v2").build());

        publish(phase);
        StepFailed failed = results.failed(phase, 1).getFirst();

        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.UNREACHABLE);
        assertThat(failed.getRetryable()).isTrue();
        assertThat(failed.getReason()).contains("environment broken's cluster").doesNotContain(PROD_TOKEN);
    }

    private static Map<String, String> manifestSettings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("environments.1", "dev");
        settings.put("environments.2", "staging");
        settings.put("environments.3", "production");
        settings.put(Manifests.NAMESPACE, "inventory-{env}");
        settings.put(Manifests.HEALTH_PATH, "/health");
        settings.put(Manifests.SECRET_STORE, "aws-secrets-manager");
        settings.put("secrets.jwt_secret", "inventory/jwt#signing-key");
        settings.put("secrets.DB_PASSWORD", "inventory/postgres#password");
        settings.put(Manifests.INGRESS_HOST, "{service}.{env}.inventory.example.com");
        settings.put(Manifests.INGRESS_CLASS, "nginx");
        settings.put(Manifests.MAX_REPLICAS, "10");
        settings.put(Manifests.SERVICE_MONITOR, "true");
        settings.put("replicas.production", "3");
        return settings;
    }

    private static PhaseStarted deployPhase(
            String name, String env, Path gitops, String source, List<String> services, String tag, String previous) {
        var phase = phase(PhaseAction.DEPLOY, name, env, gitops, source, services);
        var settings = new LinkedHashMap<String, String>();
        settings.put("checks.health", "GET " + smoke.url("/{env}/{service}/health") + " 200 json $.status=UP");
        settings.put("checkDeadline", "3s");
        settings.put("onFailure", "rollback");
        phase.setSettings(settings);
        for (ServiceWork work : phase.getServices()) {
            work.setPrior(PriorResults.newBuilder()
                    .setImageTag(tag)
                    .setDeployedTag(previous)
                    .build());
        }
        return phase;
    }

    private static PhaseStarted phase(
            PhaseAction action, String name, String env, Path gitops, String source, List<String> services) {
        var work = new ArrayList<ServiceWork>();
        for (String service : services) {
            work.add(ServiceWork.newBuilder()
                    .setService(service)
                    .setSource(new SourceSpec(source, "main", "services/" + service, null))
                    .setImage(ImageSpec.newBuilder()
                            .setRegistry(source.isEmpty() ? "registry.gitlab.com" : REGISTRY)
                            .setRepository(source.isEmpty() ? "ta-microservices/" + service : service)
                            .setTagTemplate("{sha}")
                            .build())
                    .setGitops(GitOpsSpec.newBuilder()
                            .setRepository(gitops.toUri().toString())
                            .setBranch("main")
                            .setLayout(GitOpsLayout.KUSTOMIZE)
                            .setFilePath("apps/" + service + "/overlays/" + env + "/kustomization.yaml")
                            .setMode(DeployMode.ARGO_CD)
                            .setApplication(service + "-" + env)
                            .setSyncTimeoutSeconds(60)
                            .build())
                    .setPrior(PriorResults.newBuilder().build())
                    .build());
        }
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first("mig-" + UUID.randomUUID()))
                .setPlanName("compose-to-kubernetes")
                .setPhase(name)
                .setAction(action)
                .setEnvironment(env)
                .setServices(work)
                .build();
    }

    private static Path bare(String name) throws Exception {
        Path dir = work.resolve(name + ".git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(dir.toFile())
                .call()
                .close();
        return dir;
    }

    private static String sourceRepository(String name) throws Exception {
        String url = bare(name).toUri().toString();
        GitOpsRepositoryFixture.seed(url, work.resolve("seed-" + name), null, ComposeFixture.sourceFiles());
        return url;
    }

    private static Repository open(Path bare) throws Exception {
        return new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
    }

    private static String output(List<StepSucceeded> steps, String service, String name) {
        return steps.stream()
                .filter(s -> s.getService().equals(service))
                .findFirst()
                .orElseThrow()
                .getOutputs()
                .get(name);
    }

    private static void publish(PhaseStarted phase) throws Exception {
        app.getBean(EventPublisher.class).publish(phase).get();
    }

    /** Reads step.succeeded, deploy.synced and step.failed from the start of the topics. */
    static final class Results implements AutoCloseable {
        private final KafkaConsumer<String, SpecificRecord> consumer;
        private final List<SpecificRecord> seen = new CopyOnWriteArrayList<>();

        Results() {
            consumer = ResultConsumers.fromStart(
                    "compose-it",
                    List.of(Topics.DEPLOY_SYNCED.name(), Topics.STEP_FAILED.name(), Topics.STEP_SUCCEEDED.name()));
        }

        List<StepSucceeded> succeeded(PhaseStarted phase, int expected) {
            return collect(phase, StepSucceeded.class, expected);
        }

        List<DeploySynced> synced(PhaseStarted phase, int expected) {
            return collect(phase, DeploySynced.class, expected);
        }

        List<StepFailed> failed(PhaseStarted phase, int expected) {
            return collect(phase, StepFailed.class, expected);
        }

        private <T extends SpecificRecord> List<T> collect(PhaseStarted phase, Class<T> type, int expected) {
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> of(phase, type).size() >= expected || unexpectedFailure(phase, type));
            assertThat(of(phase, StepFailed.class).stream()
                            .filter(f -> type != StepFailed.class)
                            .map(StepFailed::getReason))
                    .as("steps that failed")
                    .isEmpty();
            return of(phase, type);
        }

        private boolean unexpectedFailure(PhaseStarted phase, Class<?> type) {
            return type != StepFailed.class && !of(phase, StepFailed.class).isEmpty();
        }

        private <T> List<T> of(PhaseStarted phase, Class<T> type) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            Object cause = phase.getMetadata().getEventId();
            return seen.stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .filter(r -> cause.equals(metadataOf(r).getCausationId()))
                    .toList();
        }

        private static dev.ferry.contracts.avro.EventMetadata metadataOf(Object record) {
            return (dev.ferry.contracts.avro.EventMetadata) ((SpecificRecord) record).get(0);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
