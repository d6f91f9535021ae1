package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.compose.SecretReference;
import dev.ferry.deploy.domain.compose.ServiceManifest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom resources of a service's manifests, for operators whose model fabric8 does not ship: the External Secrets
 * Operator's ExternalSecret, the Prometheus Operator's ServiceMonitor and Argo CD's Application.
 */
final class FabricCustomResources {

    private FabricCustomResources() {}

    /** Names where each secret is in the store, never a value: the operator fetches them into the Secret. */
    static GenericKubernetesResource externalSecret(ServiceManifest m) {
        var resource = FabricManifests.generic("external-secrets.io/v1beta1", "ExternalSecret", m.secretName(), null);
        resource.getMetadata().setLabels(FabricWorkload.labels(m.service()));
        var data = m.secrets().stream().map(FabricCustomResources::remoteRef).toList();
        resource.setAdditionalProperty(
                "spec",
                FabricManifests.ordered(
                        "refreshInterval",
                        "1h",
                        "secretStoreRef",
                        FabricManifests.ordered(
                                "kind",
                                "ClusterSecretStore",
                                "name",
                                m.options().secretStore().orElseThrow()),
                        "target",
                        FabricManifests.ordered("name", m.secretName(), "creationPolicy", "Owner"),
                        "data",
                        data));
        return resource;
    }

    private static Map<String, Object> remoteRef(SecretReference s) {
        var ref = new LinkedHashMap<String, Object>();
        ref.put("key", s.remoteKeyName());
        if (!s.remoteProperty().isEmpty()) {
            ref.put("property", s.remoteProperty());
        }
        return FabricManifests.ordered("secretKey", s.key(), "remoteRef", ref);
    }

    static GenericKubernetesResource serviceMonitor(ServiceManifest m) {
        var resource = FabricManifests.generic("monitoring.coreos.com/v1", "ServiceMonitor", m.service(), null);
        resource.getMetadata().setLabels(FabricWorkload.labels(m.service()));
        resource.setAdditionalProperty(
                "spec",
                FabricManifests.ordered(
                        "selector", FabricManifests.ordered("matchLabels", FabricWorkload.labels(m.service())),
                        "endpoints",
                                List.of(FabricManifests.ordered(
                                        "port", "http", "path", m.options().metricsPath(), "interval", "30s"))));
        return resource;
    }

    /** The Application that syncs the environment's overlay, automatically, creating the namespace. */
    static GenericKubernetesResource application(ServiceManifest m, String env) {
        var resource = FabricManifests.generic(
                "argoproj.io/v1alpha1", "Application", m.application(env), m.argocdNamespace(env));
        resource.getMetadata().setLabels(FabricManifests.labels(m.service(), env));
        resource.setAdditionalProperty(
                "spec",
                FabricManifests.ordered(
                        "project", "default",
                        "source",
                                FabricManifests.ordered(
                                        "repoURL",
                                        m.repositoryUrl(),
                                        "targetRevision",
                                        m.branch(),
                                        "path",
                                        m.overlay(env)),
                        "destination",
                                FabricManifests.ordered(
                                        "server",
                                        "https://kubernetes.default.svc",
                                        "namespace",
                                        m.options().namespace(m.service(), env)),
                        "syncPolicy",
                                FabricManifests.ordered(
                                        "automated", FabricManifests.ordered("prune", true, "selfHeal", true),
                                        "syncOptions", List.of("CreateNamespace=true"))));
        return resource;
    }
}
