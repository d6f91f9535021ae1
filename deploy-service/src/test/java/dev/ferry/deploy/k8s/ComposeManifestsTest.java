package dev.ferry.deploy.k8s;

import static dev.ferry.deploy.domain.compose.ComposeFixture.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.TagLocation;
import dev.ferry.deploy.domain.WriteBacks;
import dev.ferry.deploy.domain.compose.ComposeFixture;
import dev.ferry.deploy.domain.compose.ComposeManifests;
import dev.ferry.deploy.domain.compose.ManifestOptions;
import dev.ferry.deploy.domain.compose.ManifestsRequest;
import dev.ferry.deploy.domain.compose.ManifestsResult;
import dev.ferry.deploy.domain.compose.SecretBackend;
import dev.ferry.deploy.domain.manifest.EditResult;
import dev.ferry.deploy.domain.manifest.ManifestEditor;
import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import dev.ferry.deploy.jgit.JGitWorkspaces;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests step on real git repositories (a source holding seed 003's compose file, a GitOps repository), with
 * every file it commits loaded back with fabric8 and checked for the fields its kind requires.
 */
class ComposeManifestsTest {

    private static final List<String> SERVICES =
            List.of("user-service", "product-service", "inventory-service", "order-service", "supplier-service");
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");

    @TempDir
    Path work;

    private final KubernetesSerialization yaml = new KubernetesSerialization();
    private String sourceUrl;
    private String gitopsUrl;
    private Path gitopsBare;
    private ComposeManifests manifests;
    private final MockCluster cluster = new MockCluster();

    @BeforeEach
    void repositories() throws Exception {
        sourceUrl = bare("source").toUri().toString();
        gitopsBare = bare("gitops");
        gitopsUrl = gitopsBare.toUri().toString();
        GitOpsRepositoryFixture.seed(sourceUrl, work.resolve("seed-source"), null, ComposeFixture.sourceFiles());
        GitOpsRepositoryFixture.seed(gitopsUrl, work.resolve("seed-gitops"), null, Map.of("README.md", "GitOps\n"));
        var workspaces = JGitWorkspaces.withCredentials(work.resolve("copies"), Map.of());
        manifests = new ComposeManifests(
                JGitWorkspaces.withCredentials(work.resolve("sources"), Map.of()),
                new WriteBacks(workspaces, Executors.newVirtualThreadPerTaskExecutor(), 5),
                new FabricManifests(),
                new FabricClusters(cluster.client, "argocd", Map.of(), ref -> Optional.empty()));
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private Path bare(String name) throws Exception {
        Path dir = work.resolve(name + ".git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(dir.toFile())
                .call()
                .close();
        return dir;
    }

    private static ManifestOptions options(Map<String, String> secrets) {
        return new ManifestOptions(
                ENVIRONMENTS,
                "inventory-{env}",
                Optional.of("/health"),
                SecretBackend.EXTERNAL_SECRET,
                secrets,
                Optional.of("aws-secrets-manager"),
                Optional.of("{service}.{env}.inventory.example.com"),
                Optional.of("nginx"),
                Optional.of(10),
                70,
                true,
                "/metrics",
                "5Gi",
                Map.of("production", 3));
    }

    private static final Map<String, String> SECRETS =
            Map.of("jwt_secret", "inventory/jwt#signing-key", "DB_PASSWORD", "inventory/postgres#password");

    private ManifestsRequest request(String service, ManifestOptions options) {
        return new ManifestsRequest(
                service,
                service,
                new GitOpsTarget(sourceUrl, "main", Optional.empty()),
                "docker-compose.yml",
                Map.of(),
                Set.of(),
                new GitOpsTarget(gitopsUrl, "main", Optional.empty()),
                "apps/" + service,
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + service,
                options,
                "event-1/" + service);
    }

    private String committed(String path) throws Exception {
        try (Repository repository = Git.open(gitopsBare.toFile()).getRepository()) {
            return GitOpsRepositoryFixture.fileAtHead(repository, path);
        }
    }

    @Test
    void everyCommittedFileLoadsBackWithFabric8WithTheFieldsItsKindRequires() throws Exception {
        for (String service : SERVICES) {
            ManifestsResult result = manifests.run(request(service, options(SECRETS)));
            assertThat(result.commit()).isPresent();
            assertThat(result.applications())
                    .containsExactly(
                            "dev:argocd/" + service + "-dev",
                            "staging:argocd/" + service + "-staging",
                            "production:argocd/" + service + "-production");
            for (String file : result.files()) {
                String text = committed(file);
                if (file.endsWith("kustomization.yaml")) {
                    checkKustomization(file, text);
                } else {
                    checkObject(file, yaml.unmarshal(text));
                }
                assertThat(text).as(file + " holds no secret value").doesNotContain("changeme");
            }
        }
    }

    private void checkKustomization(String file, String text) throws Exception {
        Map<?, ?> kustomization = yaml.unmarshal(text, Map.class);
        assertThat(kustomization.get("apiVersion")).isEqualTo("kustomize.config.k8s.io/v1beta1");
        String directory = file.substring(0, file.lastIndexOf('/'));
        for (Object resource : (List<?>) kustomization.get("resources")) {
            Path listed = Path.of(directory).resolve(resource.toString()).normalize();
            String path = listed.toString().replace('\\', '/');
            if (resource.toString().startsWith("..")) {
                assertThat(committed(path + "/kustomization.yaml"))
                        .as(file + " resource " + resource)
                        .isNotBlank();
            } else {
                assertThat(committed(path)).as(file + " resource " + resource).isNotBlank();
            }
        }
    }

    private static void checkObject(String file, HasMetadata object) {
        assertThat(object.getApiVersion()).as(file).isNotBlank();
        assertThat(object.getKind()).as(file).isNotBlank();
        assertThat(object.getMetadata().getName()).as(file).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        switch (object) {
            case Deployment d -> checkDeployment(d);
            case Service s ->
                assertThat(s.getSpec().getPorts()).allSatisfy(p -> {
                    assertThat(p.getPort()).isBetween(1, 65535);
                    assertThat(p.getTargetPort().getStrVal()).isNotBlank();
                });
            case GenericKubernetesResource g ->
                assertThat(g.getAdditionalProperties()).containsKey("spec");
            case HorizontalPodAutoscaler h -> {
                assertThat(h.getSpec().getMaxReplicas())
                        .isGreaterThanOrEqualTo(h.getSpec().getMinReplicas());
                assertThat(h.getSpec().getScaleTargetRef().getName())
                        .isEqualTo(h.getMetadata().getName());
            }
            case PersistentVolumeClaim c ->
                assertThat(c.getSpec().getResources().getRequests()).containsKey("storage");
            case Ingress i ->
                assertThat(i.getSpec().getRules())
                        .allSatisfy(r -> assertThat(r.getHost()).isNotBlank());
            case NetworkPolicy n ->
                assertThat(n.getSpec().getPodSelector().getMatchLabels()).isNotEmpty();
            case ConfigMap c -> assertThat(c.getData()).isNotEmpty();
            default -> throw new AssertionError(file + " holds an unexpected kind " + object.getKind());
        }
    }

    private static void checkDeployment(Deployment d) {
        assertThat(d.getApiVersion()).isEqualTo("apps/v1");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isNotBlank();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        var mounted = pod.getVolumes().stream().map(v -> v.getName()).toList();
        assertThat(container.getVolumeMounts())
                .allSatisfy(m -> assertThat(mounted).contains(m.getName()));
    }

    @Test
    void writesProbesResourcesSecretsByReferenceAndTheEnvironmentsOverlays() throws Exception {
        manifests.run(request("user-service", options(SECRETS)));

        Deployment deployment = yaml.unmarshal(committed("apps/user-service/base/deployment.yaml"), Deployment.class);
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal())
                .isEqualTo(3000);
        assertThat(container.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(20);
        assertThat(container.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
        assertThat(container.getResources().getLimits().get("memory").toString())
                .isEqualTo("512Mi");
        assertThat(container.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("DB_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("user-service-secrets");
        });
        assertThat(container.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/run/secrets/jwt_secret"));

        ConfigMap config = yaml.unmarshal(committed("apps/user-service/base/configmap.yaml"), ConfigMap.class);
        assertThat(config.getData()).containsEntry("NODE_ENV", "production").doesNotContainKey("DB_PASSWORD");
        GenericKubernetesResource secret = yaml.unmarshal(
                committed("apps/user-service/base/externalsecret.yaml"), GenericKubernetesResource.class);
        assertThat(secret.getApiVersion()).isEqualTo("external-secrets.io/v1beta1");
        assertThat(yaml.asJson(secret))
                .contains("aws-secrets-manager", "inventory/postgres", "\"property\":\"password\"");

        Map<?, ?> production =
                yaml.unmarshal(committed("apps/user-service/overlays/production/kustomization.yaml"), Map.class);
        assertThat(production.get("namespace")).isEqualTo("inventory-production");
        assertThat(production.get("replicas").toString()).contains("count=3");
        Ingress ingress = yaml.unmarshal(committed("apps/user-service/overlays/staging/ingress.yaml"), Ingress.class);
        assertThat(ingress.getSpec().getRules().getFirst().getHost())
                .isEqualTo("user-service.staging.inventory.example.com");
        GenericKubernetesResource application =
                yaml.unmarshal(committed("apps/user-service/application-dev.yaml"), GenericKubernetesResource.class);
        assertThat(application.getMetadata().getName()).isEqualTo("user-service-dev");
        assertThat(yaml.asJson(application)).contains("\"path\":\"apps/user-service/overlays/dev\"");
        var inCluster = cluster.client
                .genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                .inNamespace("argocd")
                .withName("user-service-production")
                .get();
        assertThat(yaml.asJson(inCluster)).contains("\"path\":\"apps/user-service/overlays/production\"");
    }

    @Test
    void letsInOnlyTheServicesThatDependOnIt() throws Exception {
        manifests.run(request("inventory-service", options(SECRETS)));

        NetworkPolicy policy =
                yaml.unmarshal(committed("apps/inventory-service/base/networkpolicy.yaml"), NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress().getFirst().getFrom())
                .extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactly("order-service", "supplier-service");
        PersistentVolumeClaim claim =
                yaml.unmarshal(committed("apps/inventory-service/base/pvc-uploads.yaml"), PersistentVolumeClaim.class);
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo("5Gi");
        ConfigMap files = yaml.unmarshal(committed("apps/inventory-service/base/config-files.yaml"), ConfigMap.class);
        assertThat(files.getData().get("inventory_rules")).contains("reorderBelow");
    }

    @Test
    void reportsUnfaithfulFeaturesAndStillWritesTheRest() {
        ManifestsResult result = manifests.run(request("order-service", options(SECRETS)));

        assertThat(result.unfaithful()).extracting(Object::toString).anySatisfy(line -> assertThat(line)
                .startsWith("order-service (docker-compose.yml:" + lineOf(ComposeFixture.composeFile(), "network_mode")
                        + "): network_mode: host"));
        assertThat(result.files()).contains("apps/order-service/base/deployment.yaml");
    }

    @Test
    void runningAgainChangesNothingAndKeepsTheTagADeployWrote() throws Exception {
        manifests.run(request("product-service", options(SECRETS)));
        String overlay = "apps/product-service/overlays/dev/kustomization.yaml";
        Path edit = work.resolve("edit");
        try (Git git = Git.cloneRepository()
                .setURI(gitopsUrl)
                .setDirectory(edit.toFile())
                .call()) {
            // What a deploy step does to the overlay.
            String text = Files.readString(edit.resolve(overlay));
            var deployed = (EditResult.Changed) ManifestEditor.edit(
                    overlay, text, new TagLocation.KustomizeImage("product-service"), ImageVersion.tagged("abc123"));
            Files.writeString(edit.resolve(overlay), deployed.text());
            git.commit().setAll(true).setMessage("deploy abc123").setSign(false).call();
            git.push().call();
        }

        ManifestsResult again = manifests.run(request("product-service", options(SECRETS)));

        assertThat(again.commit()).isEmpty();
        assertThat(committed(overlay)).contains("newTag: abc123");
    }

    @Test
    void withSealedSecretsReferencesTheSealedSecretsByNameAndWritesNoExternalSecret() throws Exception {
        var sealed = new ManifestOptions(
                List.of("dev"),
                "{service}-{env}",
                Optional.empty(),
                SecretBackend.SEALED_SECRET,
                Map.of("jwt_secret", "user-jwt-sealed", "DB_PASSWORD", "user-db-sealed"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                70,
                false,
                "/metrics",
                "1Gi",
                Map.of());

        ManifestsResult result = manifests.run(request("user-service", sealed));

        assertThat(result.files()).noneMatch(f -> f.endsWith("externalsecret.yaml") || f.endsWith("hpa.yaml"));
        Deployment deployment = yaml.unmarshal(committed("apps/user-service/base/deployment.yaml"), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()
                        .getFirst()
                        .getEnv()
                        .getFirst()
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("user-db-sealed");
        assertThat(pod.getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("user-jwt-sealed"));
    }

    @Test
    void refusesASecretTheComposeFileUsesButThePlanDoesNotMap() {
        assertThatThrownBy(() -> manifests.run(request("user-service", options(Map.of()))))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("docker-compose.yml:" + lineOf(ComposeFixture.composeFile(), "secrets: [jwt")
                        + ": service user-service uses secret jwt_secret, which the phase's secrets do not map");
    }
}
