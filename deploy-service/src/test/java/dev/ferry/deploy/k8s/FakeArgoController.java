package dev.ferry.deploy.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Plays Argo CD's application controller against the mock API server: picks up requested sync operations (or, with
 * automated sync, the branch head), and moves {@code status.sync} and {@code status.health} the way the scenario of
 * each application says, including the failure cases.
 */
public final class FakeArgoController implements AutoCloseable {

    public static final String NAMESPACE = "argocd";

    public enum Scenario {
        HEALTHY,
        DEGRADED,
        PROGRESSING_FOREVER,
        COMPARISON_ERROR,
        SYNC_FAILS
    }

    private final KubernetesClient client;
    private final Supplier<String> branchHead;
    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final List<String> syncRequests = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    public FakeArgoController(KubernetesClient client, Supplier<String> branchHead) {
        this.client = client;
        this.branchHead = branchHead;
        loop.scheduleWithFixedDelay(this::reconcileAll, 10, 20, TimeUnit.MILLISECONDS);
    }

    /** Creates an application as the bootstrap would: tracking main, with or without automated sync. */
    public void createApplication(String name, boolean autoSync, Scenario scenario) {
        scenarios.put(name, scenario);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("project", "dev-environment");
        spec.put("source", Map.of("repoURL", "https://git.example/gitops.git", "targetRevision", "main"));
        spec.put("syncPolicy", autoSync ? Map.of("automated", Map.of("prune", true, "selfHeal", true)) : Map.of());
        GenericKubernetesResource app = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .build();
        app.setAdditionalProperty("spec", spec);
        app.setAdditionalProperty(
                "status",
                Map.of(
                        "sync",
                        Map.of("status", "Synced", "revision", "0000000"),
                        "health",
                        Map.of("status", "Healthy")));
        client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                .inNamespace(NAMESPACE)
                .resource(app)
                .create();
    }

    /** Revisions Ferry asked to sync to, as {@code app@revision}. */
    public List<String> syncRequests() {
        return syncRequests;
    }

    private void reconcileAll() {
        try {
            for (var app : client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                    .inNamespace(NAMESPACE)
                    .list()
                    .getItems()) {
                reconcile(app);
            }
        } catch (RuntimeException e) {
            // The mock server is shutting down between tests; the next round (if any) tries again.
        }
    }

    private void reconcile(GenericKubernetesResource app) {
        String name = app.getMetadata().getName();
        var operation = Tree.of(app.getAdditionalProperties().get("operation"));
        boolean automated = Tree.of(app.getAdditionalProperties().get("spec"))
                .at("syncPolicy")
                .has("automated");
        String wanted = operation.at("sync").text("revision").orElse(automated ? branchHead.get() : null);
        if (wanted == null) {
            return;
        }
        if (operation.has("sync")) {
            syncRequests.add(name + "@" + wanted);
        }
        Map<String, Object> status = status(scenarios.getOrDefault(name, Scenario.HEALTHY), wanted);
        client.genericKubernetesResources(FabricArgoCdApplications.APPLICATION)
                .inNamespace(NAMESPACE)
                .withName(name)
                .edit(current -> {
                    current.getAdditionalProperties().remove("operation");
                    current.setAdditionalProperty("status", status);
                    return current;
                });
    }

    private static Map<String, Object> status(Scenario scenario, String revision) {
        var status = new LinkedHashMap<String, Object>();
        var resources = new ArrayList<Map<String, Object>>();
        switch (scenario) {
            case HEALTHY -> {
                status.put("sync", Map.of("status", "Synced", "revision", revision));
                status.put("health", Map.of("status", "Healthy"));
                status.put("operationState", operation("Succeeded", revision, "successfully synced (all tasks run)"));
            }
            case DEGRADED -> {
                status.put("sync", Map.of("status", "Synced", "revision", revision));
                status.put(
                        "health", Map.of("status", "Degraded", "message", "Deployment auth has timed out progressing"));
                resources.add(Map.of(
                        "kind", "Deployment",
                        "name", "auth",
                        "health",
                                Map.of(
                                        "status",
                                        "Degraded",
                                        "message",
                                        "ReplicaSet auth-7c9 has timed out progressing")));
            }
            case PROGRESSING_FOREVER -> {
                status.put("sync", Map.of("status", "Synced", "revision", revision));
                status.put(
                        "health",
                        Map.of(
                                "status",
                                "Progressing",
                                "message",
                                "Waiting for rollout to finish: 1 of 3 updated replicas are available"));
            }
            case COMPARISON_ERROR -> {
                status.put("sync", Map.of("status", "OutOfSync", "revision", "0000000"));
                status.put("health", Map.of("status", "Missing"));
                status.put(
                        "conditions",
                        List.of(
                                Map.of(
                                        "type", "ComparisonError",
                                        "message",
                                                "rpc error: kustomize build apps/auth/overlays/dev failed: accumulating resources")));
            }
            case SYNC_FAILS -> {
                status.put("sync", Map.of("status", "OutOfSync", "revision", revision));
                status.put("health", Map.of("status", "Healthy"));
                status.put(
                        "operationState",
                        operation(
                                "Failed",
                                revision,
                                "one or more objects failed to apply, reason: admission webhook denied the request"));
            }
        }
        status.put("resources", resources);
        return status;
    }

    private static Map<String, Object> operation(String phase, String revision, String message) {
        return Map.of("phase", phase, "message", message, "syncResult", Map.of("revision", revision));
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
