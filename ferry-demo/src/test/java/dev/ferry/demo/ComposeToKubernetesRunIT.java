package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.deploy.http.SmokeServer;
import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import dev.ferry.deploy.k8s.GitOpsArgoController;
import dev.ferry.deploy.k8s.MockCluster;
import dev.ferry.deploy.kafka.SeedServices;
import dev.ferry.repo.app.BareCommits;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003 ({@code examples/compose-to-kubernetes.yaml}) and seed 001 ({@code examples/gitops-rollout-23-services.yaml})
 * run end to end through the planner on Ferry's embedded services: a real broker, a real git server holding the
 * source and the GitOps repositories (every request needs a token), a real registry the build pushes to, fabric8's
 * mock API server in CRUD mode for each environment's cluster, a test stand-in for Argo CD that syncs each cluster's
 * Applications from the GitOps repository into Deployments, and a real HTTP server on localhost answering the smoke
 * checks in place of the services' Ingresses. Each environment's tag ({service}-{env}) is read back from the registry:
 * it names the digest the environment verified, and stays put for a service whose check failed.
 *
 * <p>The images are {@code FROM scratch} with one file, so the build is Ferry's own (Jib) and quick: the seed's
 * {@code npm ci} build with buildah is {@code ComposeToKubernetesBuildIT}'s.
 */
class ComposeToKubernetesRunIT {

    private static final String TOKEN = "ghp_compose-run-token-7e1b";
    private static final String PROD_TOKEN = "prod-cluster-token-that-must-not-leak";
    private static final List<String> SEED_003 = SeedServices.SEED_003;
    private static final List<String> SEED_001 = SeedServices.SEED_001;

    @TempDir
    static Path data;

    static OciTestRegistry registry;
    static MockCluster dev;
    static MockCluster staging;
    static MockCluster production;
    static SmokeServer smoke;
    static ItStack stack;
    static PlanRuns runs;

    @BeforeAll
    static void start() {
        registry = ItStack.registry();
        dev = new MockCluster();
        staging = new MockCluster();
        production = new MockCluster();
        smoke = new SmokeServer();
        stack = ItStack.start(data, registry, TOKEN, Map.of(), deploySettings());
        runs = stack.startRuns(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        smoke.close();
        production.close();
        staging.close();
        dev.close();
    }

    @Test
    void seed003DeploysEveryEnvironmentThroughArgoCdThenAFailingCheckRollsThatServiceBack() throws Exception {
        var git = stack.git;
        String head = source(git, "first");
        Path gitops = gitops(git, "inventory/gitops");
        for (String service : SEED_003) {
            for (String env : List.of("dev", "staging", "production")) {
                smoke.answer("/" + env + "/" + service + "/health", 200, "{\"status\":\"healthy\"}");
            }
        }
        String plan = seed003(git);
        try (var argoDev = new GitOpsArgoController(dev.client, gitops, "argocd");
                var argoStaging = new GitOpsArgoController(staging.client, gitops, "argocd");
                var argoProd = new GitOpsArgoController(production.client, gitops, "argocd-prod")) {

            PlanRuns.Run first =
                    runs.runToEnd(plan, "compose-to-kubernetes", Set.of("deploy-production", "production-validated"));

            assertThat(first.of(StepFailed.class)).isEmpty();
            assertThat(first.of(MigrationFinished.class).getFirst().getOutcome())
                    .isEqualTo(MigrationOutcome.SUCCEEDED);
            Map<String, String> tags = tags(first);
            assertThat(tags).containsOnlyKeys(SEED_003).allSatisfy((service, tag) -> assertThat(tag)
                    .isEqualTo(head));
            Map<String, String> digests = first.of(ImagePushed.class).stream()
                    .collect(Collectors.toMap(ImagePushed::getService, ImagePushed::getDigest));
            assertThat(first.of(DeploySynced.class))
                    .as("each environment deploys, and reports verified, the digest the build pushed")
                    .hasSize(SEED_003.size() * 3)
                    .allSatisfy(
                            synced -> assertThat(synced.getImageDigest()).isEqualTo(digests.get(synced.getService())));
            try (Repository repository = git.open("inventory/gitops")) {
                assertThat(GitOpsRepositoryFixture.fileAtHead(repository, "k8s/user-service/base/deployment.yaml"))
                        .contains("path: \"/health\"")
                        .contains("runAsNonRoot: true")
                        .contains("memory: \"512Mi\"");
                assertThat(GitOpsRepositoryFixture.fileAtHead(repository, "k8s/user-service/base/hpa.yaml"))
                        .contains("maxReplicas: 10");
                assertThat(GitOpsRepositoryFixture.fileAtHead(
                                repository, "k8s/order-service/overlays/production/ingress.yaml"))
                        .contains("order-service.production.inventory.example.com");
            }
            for (String service : SEED_003) {
                // Each overlay pins the digest the build pushed and dev verified: Kustomize's name:tag@digest.
                String image = registry.host() + "/" + service + ":" + head + "@" + digests.get(service);
                assertThat(dev.hasApplication("argocd", service + "-dev"))
                        .as(service)
                        .isTrue();
                assertThat(staging.hasApplication("argocd", service + "-staging"))
                        .isTrue();
                assertThat(production.hasApplication("argocd-prod", service + "-production"))
                        .isTrue();
                assertThat(dev.hasApplication("argocd", service + "-production"))
                        .as("each environment's Application is in its own cluster")
                        .isFalse();
                assertThat(argoDev.imageOf("inventory-dev", service)).isEqualTo(image);
                assertThat(argoStaging.imageOf("inventory-staging", service)).isEqualTo(image);
                assertThat(argoProd.imageOf("inventory-production", service)).isEqualTo(image);
                for (String env : List.of("dev", "staging", "production")) {
                    assertThat(smoke.requests("/" + env + "/" + service + "/health"))
                            .as("%s checked in %s", service, env)
                            .isPositive();
                    assertThat(tagDigest(service, service + "-" + env))
                            .as("%s-%s moved to the verified digest once the checks passed", service, env)
                            .isEqualTo(digests.get(service));
                }
            }

            // Second run: a new commit, and order-service's new version answers 500 in dev.
            String next = source(git, "second");
            smoke.answer("/dev/order-service/health", 500, "{\"status\":\"unhealthy\"}");

            PlanRuns.Run second =
                    runs.runToEnd(plan, "compose-to-kubernetes", Set.of("deploy-production", "production-validated"));

            MigrationFinished failedRun = second.of(MigrationFinished.class).getFirst();
            assertThat(failedRun.getOutcome()).isEqualTo(MigrationOutcome.FAILED);
            assertThat(failedRun.getServices())
                    .as("the automatic rollback is one of the run's rollback times (seed 001's rollback < 5 min)")
                    .filteredOn(summary -> summary.getService().equals("order-service"))
                    .singleElement()
                    .satisfies(summary -> assertThat(summary.getRollbacks())
                            .singleElement()
                            .satisfies(rollback -> {
                                assertThat(rollback.getEnvironment()).isEqualTo("dev");
                                assertThat(rollback.getDurationMillis())
                                        .as("the time deploy-service measured and reported with the failure")
                                        .isEqualTo(second.of(StepFailed.class)
                                                .getFirst()
                                                .getRollbackMillis());
                            }));
            Map<String, String> nextDigests = second.of(ImagePushed.class).stream()
                    .collect(Collectors.toMap(ImagePushed::getService, ImagePushed::getDigest));
            assertThat(second.of(StepFailed.class)).singleElement().satisfies(failed -> {
                assertThat(failed.getPhase()).isEqualTo("deploy-dev");
                assertThat(failed.getService()).isEqualTo("order-service");
                assertThat(failed.getReason())
                        .contains("smoke checks of order-service in dev failed")
                        .contains("last answer HTTP 500")
                        .containsPattern("rolled back to " + head + "@" + digests.get("order-service") + " in dev in "
                                + failed.getRollbackMillis() + " ms \\(commit ");
            });
            try (Repository repository = git.open("inventory/gitops")) {
                assertThat(GitOpsRepositoryFixture.fileAtHead(
                                repository, "k8s/order-service/overlays/dev/kustomization.yaml"))
                        .as("the rollback restores the tag and the digest the overlay pinned before")
                        .contains("newTag: " + head + "\n")
                        .contains("digest: " + digests.get("order-service") + "\n")
                        .doesNotContain(nextDigests.get("order-service"));
                assertThat(GitOpsRepositoryFixture.fileAtHead(
                                repository, "k8s/user-service/overlays/production/kustomization.yaml"))
                        .as("production's overlay pins the digest dev and staging verified")
                        .contains("newTag: " + next + "\n")
                        .contains("digest: " + nextDigests.get("user-service") + "\n");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            argoDev.imageOf("inventory-dev", "order-service"))
                    .isEqualTo(registry.host() + "/order-service:" + head + "@" + digests.get("order-service")));
            assertThat(argoDev.imageOf("inventory-dev", "user-service"))
                    .as("the services whose checks passed keep the new version")
                    .isEqualTo(registry.host() + "/user-service:" + next + "@" + nextDigests.get("user-service"));
            assertThat(argoStaging.imageOf("inventory-staging", "order-service"))
                    .as("onFailure: rollback goes on without the failed service: staging never saw its version")
                    .isEqualTo(registry.host() + "/order-service:" + head + "@" + digests.get("order-service"));
            assertThat(argoProd.imageOf("inventory-production", "user-service"))
                    .isEqualTo(registry.host() + "/user-service:" + next + "@" + nextDigests.get("user-service"));
            for (String env : List.of("dev", "staging", "production")) {
                assertThat(tagDigest("order-service", "order-service-" + env))
                        .as("order-service's check failed in dev: its %s tag stays on the first run's image", env)
                        .isEqualTo(digests.get("order-service"));
                assertThat(tagDigest("user-service", "user-service-" + env))
                        .as("user-service passed everywhere: its %s tag moved to the new image", env)
                        .isEqualTo(nextDigests.get("user-service"));
            }
            assertThat(second.of(StepSucceeded.class))
                    .as("no tag-image step ran for the service that was rolled back")
                    .noneMatch(step -> step.getPhase().startsWith("tag-")
                            && step.getService().equals("order-service"));
        }
    }

    @Test
    void seed001RollsOut23ServicesWhoseApplicationsDoNotExistYetWithProductionsNamedSvcProd() throws Exception {
        var git = stack.git;
        Path gitops = gitops(git, "ta/gitops");
        for (String service : SEED_001) {
            assertThat(dev.hasApplication("argocd", service + "-dev")).isFalse();
            assertThat(production.hasApplication("argocd-prod", service + "-prod"))
                    .isFalse();
        }
        String plan = Files.readString(Path.of("../examples/gitops-rollout-23-services.yaml"))
                .replace("https://gitlab.com/ta-microservices/gitops.git", git.url("ta/gitops"));
        try (var argoDev = new GitOpsArgoController(dev.client, gitops, "argocd");
                var argoProd = new GitOpsArgoController(production.client, gitops, "argocd-prod")) {

            PlanRuns.Run run = runs.runToEnd(
                    plan,
                    "gitops-rollout-23-services",
                    Set.of("fix-current-issues", "production-ready", "deploy-production", "verify-production"));

            assertThat(run.of(StepFailed.class)).isEmpty();
            assertThat(run.of(MigrationFinished.class).getFirst().getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            for (String service : SEED_001) {
                String image = "registry.gitlab.com/ta-microservices/" + service + ":v1.0.0";
                assertThat(dev.hasApplication("argocd", service + "-dev"))
                        .as(service)
                        .isTrue();
                assertThat(production.hasApplication("argocd-prod", service + "-prod"))
                        .as(service)
                        .isTrue();
                assertThat(production.hasApplication("argocd-prod", service + "-production"))
                        .isFalse();
                assertThat(argoDev.imageOf(namespace(service, "dev"), service)).isEqualTo(image);
                assertThat(argoProd.imageOf(namespace(service, "production"), service))
                        .isEqualTo(image);
            }
        }
    }

    /** The digest {@code repository:tag} names in the registry, as its Docker-Content-Digest header says. */
    private static String tagDigest(String repository, String tag) throws Exception {
        HttpResponse<Void> manifest = RegistryTags.head(registry.uri(), repository, tag);
        assertThat(manifest.statusCode())
                .as("the registry has " + repository + ":" + tag)
                .isEqualTo(200);
        return manifest.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** A GitOps repository on the git server holding only a README, as before a first deploy; its directory. */
    private static Path gitops(SmartHttpGitServer git, String name) throws Exception {
        git.createRepository(name);
        GitOpsRepositoryFixture.seed(
                git.url(name),
                data.resolve("seed-" + name.replace('/', '-')),
                new UsernamePasswordCredentialsProvider("x-access-token", TOKEN),
                Map.of("README.md", "GitOps\n"));
        return git.directory(name);
    }

    /** Seed 001's namespaces: most services in core-business-{env}, four elsewhere. */
    private static String namespace(String service, String env) {
        return switch (service) {
            case "admin", "frontend" -> "frontend-services-" + env;
            case "search" -> "integration-services-" + env;
            case "analytics" -> "support-services-" + env;
            default -> "core-business-" + env;
        };
    }

    private static Map<String, Object> deploySettings() {
        var settings = new HashMap<String, Object>();
        settings.put("ferry.deploy.poll-interval", "50ms");
        settings.put("ferry.deploy.kubernetes-url", url(dev));
        settings.put("ferry.deploy.clusters.dev.url", url(dev));
        settings.put("ferry.deploy.clusters.staging.url", url(staging));
        settings.put("ferry.deploy.clusters.production.url", url(production));
        settings.put("ferry.deploy.clusters.production.credential-ref", "prod-cluster");
        settings.put("ferry.deploy.clusters.production.argocd-namespace", "argocd-prod");
        settings.put("ferry.deploy.credentials.prod-cluster.username", "ferry");
        settings.put("ferry.deploy.credentials.prod-cluster.token", PROD_TOKEN);
        for (String ref : List.of("github-token", "gitops-token", "gitlab-token")) {
            settings.put("ferry.deploy.credentials." + ref + ".username", "x-access-token");
            settings.put("ferry.deploy.credentials." + ref + ".token", TOKEN);
        }
        return settings;
    }

    private static String url(MockCluster cluster) {
        return cluster.client.getConfiguration().getMasterUrl();
    }

    /** The example with this machine's repositories, registry and smoke-check servers in place of its placeholders. */
    private static String seed003(SmartHttpGitServer git) throws Exception {
        return Files.readString(Path.of("../examples/compose-to-kubernetes.yaml"))
                .replace("https://github.com/example-org/inventory-platform.git", git.url("inventory/platform"))
                .replace("https://github.com/example-org/inventory-platform-gitops.git", git.url("inventory/gitops"))
                .replace("host: 123456789012.dkr.ecr.us-east-1.amazonaws.com", "host: " + registry.host())
                .replace("    credentialRef: aws-ecr\n", "")
                .replace("https://{service}.{env}.inventory.example.com/health", smoke.url("/{env}/{service}/health"))
                // The seed's deadlines; the failing check needs to give up within the test.
                .replace("checkDeadline: 3m", "checkDeadline: 5s");
    }

    /** Commits the compose setup and the five services' folders; returns the new head. */
    private static String source(SmartHttpGitServer git, String version) throws Exception {
        if (!Files.exists(git.directory("inventory/platform"))) {
            git.createRepository("inventory/platform");
        }
        var files = new LinkedHashMap<String, String>();
        files.put("docker-compose.yml", composeFile());
        for (String service : SEED_003) {
            String folder = "services/" + service + "/";
            files.put(folder + "Dockerfile", "FROM scratch\nCOPY health.json /app/health.json\n");
            files.put(folder + "health.json", "{\"service\": \"" + service + "\", \"version\": \"" + version + "\"}\n");
        }
        try (Repository platform = git.open("inventory/platform")) {
            return BareCommits.commit(platform, files, "services " + version).name();
        }
    }

    /** Seed 003's Compose setup: five Node services built from their folders, the database password a secret. */
    private static String composeFile() {
        var compose = new StringBuilder("services:\n");
        int port = 3001;
        for (String service : SEED_003) {
            compose.append("""
                      %s:
                        build: ./services/%s
                        ports: ["%d:3000"]
                        environment:
                          NODE_ENV: production
                          DB_HOST: ${DB_HOST:-postgres}
                          DB_PASSWORD: ${POSTGRES_PASSWORD:-changeme}
                        healthcheck:
                          test: ["CMD", "curl", "-f", "http://localhost:3000/health"]
                          interval: 30s
                        deploy:
                          resources:
                            limits: {cpus: "0.5", memory: 512M}
                    """.formatted(service, service, port++));
        }
        return compose.toString();
    }

    private static Map<String, String> tags(PlanRuns.Run run) {
        return run.of(ImagePushed.class).stream()
                .collect(Collectors.toMap(
                        ImagePushed::getService, image -> image.getTags().getFirst()));
    }
}
