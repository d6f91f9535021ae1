package dev.ferry.deploy.k8s;

import dev.ferry.deploy.jgit.GitOpsRepositoryFixture;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A stand-in for Argo CD (which cannot run here), for tests only: it syncs every Application of one cluster from a
 * GitOps repository on disk: reads the Application's overlay at the branch head, builds the Deployment of its base
 * with the overlay's namespace and image, applies it to the cluster, and sets the Application Synced at that revision
 * and Healthy. Applications with automated sync follow the head; others sync when Ferry requests an operation.
 */
public final class GitOpsArgoController implements AutoCloseable {

    private final KubernetesClient client;
    private final Path bareRepository;
    private final String namespace;
    private final List<String> syncs = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    public GitOpsArgoController(KubernetesClient client, Path bareRepository, String namespace) {
        this.client = client;
        this.bareRepository = bareRepository;
        this.namespace = namespace;
        loop.scheduleWithFixedDelay(this::reconcileAll, 20, 30, TimeUnit.MILLISECONDS);
    }

    /** Each sync done, as {@code application@revision}. */
    public List<String> syncs() {
        return syncs;
    }

    /** The image the Deployment's first container runs, or null when there is no such Deployment. */
    public String imageOf(String namespace, String name) {
        Deployment deployment = deployment(namespace, name);
        return deployment == null
                ? null
                : deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage();
    }

    public Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private void reconcileAll() {
        try (Repository repository =
                new FileRepositoryBuilder().setGitDir(bareRepository.toFile()).build()) {
            var head = repository.resolve("refs/heads/main");
            if (head == null) {
                return;
            }
            for (var app : client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                    .inNamespace(namespace)
                    .list()
                    .getItems()) {
                try {
                    reconcile(repository, head.getName(), app);
                } catch (IOException | RuntimeException e) {
                    // An Application of an earlier test, whose overlay is in another repository: not ours to sync.
                }
            }
        } catch (IOException | RuntimeException e) {
            // A test is tearing the cluster or the repository down; the next round tries again.
        }
    }

    private void reconcile(Repository repository, String head, GenericKubernetesResource app) throws IOException {
        var spec = Tree.of(app.getAdditionalProperties().get("spec"));
        var status = Tree.of(app.getAdditionalProperties().get("status"));
        boolean automated = spec.at("syncPolicy").has("automated");
        var requested = Tree.of(app.getAdditionalProperties().get("operation"))
                .at("sync")
                .text("revision");
        String wanted = requested.orElse(automated ? head : null);
        if (wanted == null
                || (requested.isEmpty()
                        && wanted.equals(status.at("sync").text("revision").orElse("")))) {
            return;
        }
        String overlay = spec.at("source").text("path").orElseThrow();
        String target = spec.at("destination").text("namespace").orElseThrow();
        apply(deployment(repository, overlay, target));
        String name = app.getMetadata().getName();
        syncs.add(name + "@" + wanted);
        client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                .inNamespace(namespace)
                .withName(name)
                .edit(current -> {
                    current.getAdditionalProperties().remove("operation");
                    current.setAdditionalProperty(
                            "status",
                            Map.of(
                                    "sync", Map.of("status", "Synced", "revision", wanted),
                                    "health", Map.of("status", "Healthy"),
                                    "operationState",
                                            Map.of(
                                                    "phase",
                                                    "Succeeded",
                                                    "message",
                                                    "synced",
                                                    "syncResult",
                                                    Map.of("revision", wanted))));
                    return current;
                });
    }

    private void apply(Deployment deployment) {
        var existing = client.apps()
                .deployments()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName());
        if (existing.get() == null) {
            client.apps()
                    .deployments()
                    .inNamespace(deployment.getMetadata().getNamespace())
                    .resource(deployment)
                    .create();
        } else {
            existing.edit(current -> {
                current.setSpec(deployment.getSpec());
                return current;
            });
        }
    }

    /** The base's Deployment as Kustomize would render it for the overlay: namespace and image from the overlay. */
    private Deployment deployment(Repository repository, String overlay, String target) throws IOException {
        Map<?, ?> kustomization = client.getKubernetesSerialization()
                .unmarshal(GitOpsRepositoryFixture.fileAtHead(repository, overlay + "/kustomization.yaml"), Map.class);
        String base = Path.of(overlay)
                .resolve(((List<?>) kustomization.get("resources")).getFirst().toString())
                .normalize()
                .toString()
                .replace('\\', '/');
        Deployment deployment = client.getKubernetesSerialization()
                .unmarshal(GitOpsRepositoryFixture.fileAtHead(repository, base + "/deployment.yaml"), Deployment.class);
        Map<?, ?> image = (Map<?, ?>) ((List<?>) kustomization.get("images")).getFirst();
        Object tag = image.get("newTag");
        Object digest = image.get("digest");
        deployment.getMetadata().setNamespace(target);
        deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                // Kustomize writes name:tag@digest when an entry has both.
                .setImage(image.get("newName") + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest));
        return deployment;
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
