package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.ArgoApplicationState;
import dev.ferry.deploy.domain.ArgoCdApplications;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and syncs Argo CD {@code Application}s (argoproj.io/v1alpha1) as generic resources, so Ferry needs no Argo CD
 * client library, only the Kubernetes API and RBAC to get and patch applications.
 */
public final class FabricArgoCdApplications implements ArgoCdApplications {

    public static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io")
            .withVersion("v1alpha1")
            .withKind("Application")
            .withPlural("applications")
            .withNamespaced(true)
            .build();

    private final KubernetesClient client;
    private final String cluster;

    public FabricArgoCdApplications(KubernetesClient client) {
        this(client, "the cluster");
    }

    /** @param cluster how errors name the cluster ({@code environment production's cluster}), never with a token */
    public FabricArgoCdApplications(KubernetesClient client, String cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    @Override
    public Optional<ArgoApplicationState> read(String namespace, String application) {
        try {
            return Optional.ofNullable(resource(namespace, application).get()).map(FabricArgoCdApplications::state);
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(
                    "reading Argo CD application " + namespace + "/" + application + " in " + cluster, e);
        }
    }

    @Override
    public void requestSync(String namespace, String application, String revision) {
        // The same request `argocd app sync --revision` makes: an operation the application controller picks up.
        Map<String, Object> operation = Map.of(
                "initiatedBy", Map.of("username", "ferry"),
                "sync", Map.of("revision", revision));
        try {
            resource(namespace, application).edit(app -> {
                app.setAdditionalProperty("operation", operation);
                return app;
            });
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(
                    "requesting a sync of Argo CD application " + application + " in " + cluster, e);
        }
    }

    @Override
    public void apply(String namespace, String manifest) {
        GenericKubernetesResource wanted =
                client.getKubernetesSerialization().unmarshal(manifest, GenericKubernetesResource.class);
        String name = wanted.getMetadata().getName();
        wanted.getMetadata().setNamespace(namespace);
        try {
            var existing = resource(namespace, name);
            if (existing.get() == null) {
                client.genericKubernetesResources(APPLICATION)
                        .inNamespace(namespace)
                        .resource(wanted)
                        .create();
                return;
            }
            existing.edit(app -> {
                app.getMetadata().setLabels(wanted.getMetadata().getLabels());
                app.setAdditionalProperty(
                        "spec", wanted.getAdditionalProperties().get("spec"));
                return app;
            });
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(
                    "creating or updating Argo CD application " + namespace + "/" + name + " in " + cluster, e);
        }
    }

    private Resource<GenericKubernetesResource> resource(String namespace, String application) {
        return client.genericKubernetesResources(APPLICATION)
                .inNamespace(namespace)
                .withName(application);
    }

    static ArgoApplicationState state(GenericKubernetesResource app) {
        var status = Tree.of(app.getAdditionalProperties().get("status"));
        var spec = Tree.of(app.getAdditionalProperties().get("spec"));
        var operationState = status.at("operationState");
        return new ArgoApplicationState(
                status.at("sync").text("status").orElse("Unknown"),
                status.at("sync").text("revision"),
                status.at("health").text("status").orElse("Unknown"),
                spec.at("syncPolicy").has("automated"),
                operationState.text("phase"),
                operationState
                        .at("syncResult")
                        .text("revision")
                        .or(() -> operationState.at("operation").at("sync").text("revision")),
                app.getAdditionalProperties().get("operation") != null,
                messages(status));
    }

    private static List<String> messages(Tree status) {
        var messages = new ArrayList<String>();
        status.at("health").text("message").ifPresent(messages::add);
        status.at("operationState").text("message").ifPresent(m -> messages.add("operation: " + m));
        for (Tree condition : status.list("conditions")) {
            condition
                    .text("message")
                    .ifPresent(m -> messages.add(condition.text("type").orElse("Condition") + ": " + m));
        }
        for (Tree resource : status.list("resources")) {
            var health = resource.at("health");
            String state = health.text("status").orElse("Healthy");
            if (!state.equals("Healthy")) {
                messages.add(resource.text("kind").orElse("?") + "/"
                        + resource.text("name").orElse("?") + " " + state
                        + health.text("message").map(m -> ": " + m).orElse(""));
            }
        }
        return messages;
    }
}
