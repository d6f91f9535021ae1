package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.compose.ManifestRenderer;
import dev.ferry.deploy.domain.compose.SecretBackend;
import dev.ferry.deploy.domain.compose.ServiceManifest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a service's manifests with fabric8's model, so every object has the fields its API version requires: a
 * Kustomize base (Deployment, Service, ConfigMaps, secret references, volumes, autoscaler, ServiceMonitor,
 * NetworkPolicy), an overlay per environment (namespace, image, replicas, Ingress) and an Argo CD Application per
 * environment. Custom resources (ExternalSecret, ServiceMonitor, Application) are generic resources with their
 * group's API version.
 */
public final class FabricManifests implements ManifestRenderer {

    private final KubernetesSerialization yaml = new KubernetesSerialization();

    @Override
    public Map<String, String> render(ServiceManifest m) {
        var base = new LinkedHashMap<String, Object>();
        base.put("deployment.yaml", FabricWorkload.deployment(m));
        List<ContainerPort> ports = FabricWorkload.ports(m.compose());
        if (!ports.isEmpty()) {
            base.put("service.yaml", service(m, ports));
        }
        if (!m.config().isEmpty()) {
            base.put("configmap.yaml", configMap(FabricWorkload.configMapName(m), m.service(), m.config()));
        }
        if (!m.configFiles().isEmpty()) {
            base.put(
                    "config-files.yaml", configMap(FabricWorkload.filesConfigMapName(m), m.service(), m.configFiles()));
        }
        if (!m.secrets().isEmpty() && m.options().secretBackend() == SecretBackend.EXTERNAL_SECRET) {
            base.put("externalsecret.yaml", FabricCustomResources.externalSecret(m));
        }
        m.compose().volumes().stream()
                .filter(v -> !v.name().isEmpty())
                .forEach(v -> base.put("pvc-" + v.name().replace('_', '-') + ".yaml", claim(m, v.name())));
        m.options().maxReplicas().ifPresent(max -> base.put("hpa.yaml", autoscaler(m, max)));
        if (m.options().serviceMonitor() && !ports.isEmpty()) {
            base.put("servicemonitor.yaml", FabricCustomResources.serviceMonitor(m));
        }
        base.put("networkpolicy.yaml", networkPolicy(m, ports));
        var files = new LinkedHashMap<String, String>();
        base.forEach((name, object) -> files.put(m.base() + "/" + name, yaml.asYaml(object)));
        files.put(m.base() + "/kustomization.yaml", yaml.asYaml(kustomization(List.copyOf(base.keySet()))));
        for (String env : m.options().environments()) {
            overlay(m, env, ports, files);
            files.put(m.applicationFile(env), yaml.asYaml(FabricCustomResources.application(m, env)));
        }
        return files;
    }

    private void overlay(ServiceManifest m, String env, List<ContainerPort> ports, Map<String, String> files) {
        var resources = new ArrayList<String>(List.of("../../base"));
        var host = m.options().ingressHost(m.service(), env);
        if (host.isPresent() && !ports.isEmpty()) {
            files.put(m.overlay(env) + "/ingress.yaml", yaml.asYaml(ingress(m, host.get())));
            resources.add("ingress.yaml");
        }
        var kustomization = kustomization(resources);
        kustomization.put("namespace", m.options().namespace(m.service(), env));
        kustomization.put("images", List.of(ordered("name", m.service(), "newName", m.image())));
        Integer replicas = m.options().replicas().get(env);
        if (replicas != null) {
            kustomization.put("replicas", List.of(ordered("name", m.service(), "count", replicas)));
        }
        files.put(m.overlay(env) + "/kustomization.yaml", yaml.asYaml(kustomization));
    }

    private static Map<String, Object> kustomization(List<String> resources) {
        var kustomization = new LinkedHashMap<String, Object>();
        kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        kustomization.put("kind", "Kustomization");
        kustomization.put("resources", resources);
        return kustomization;
    }

    private static HasMetadata service(ServiceManifest m, List<ContainerPort> containerPorts) {
        var published = new LinkedHashMap<Integer, Integer>();
        m.compose().ports().forEach(p -> published.putIfAbsent(p.container(), p.published()));
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(m.service())
                .withLabels(FabricWorkload.labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(FabricWorkload.labels(m.service()))
                .withPorts(containerPorts.stream()
                        .map(p -> new ServicePortBuilder()
                                .withName(p.getName())
                                .withPort(published.get(p.getContainerPort()))
                                .withTargetPort(new IntOrString(p.getName()))
                                .withProtocol(p.getProtocol())
                                .build())
                        .toList())
                .endSpec()
                .build();
    }

    private static HasMetadata configMap(String name, String service, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(FabricWorkload.labels(service))
                .endMetadata()
                .withData(new java.util.TreeMap<>(data))
                .build();
    }

    private static HasMetadata claim(ServiceManifest m, String volume) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(FabricWorkload.claimName(m, volume))
                .withLabels(FabricWorkload.labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity(m.options().volumeSize())))
                .endResources()
                .endSpec()
                .build();
    }

    private static HasMetadata autoscaler(ServiceManifest m, int max) {
        int min = m.compose().replicas().orElse(1);
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(m.service())
                .withLabels(FabricWorkload.labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(m.service())
                .endScaleTargetRef()
                .withMinReplicas(Math.min(min, max))
                .withMaxReplicas(max)
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(m.options().cpuTarget())
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    /**
     * Only the compose services that depend on this one reach it, plus any namespace's pods on the first port when an
     * Ingress or a ServiceMonitor needs the controller or Prometheus (whose namespaces the plan does not name).
     */
    private static HasMetadata networkPolicy(ServiceManifest m, List<ContainerPort> ports) {
        var policy = new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(m.service())
                .withLabels(FabricWorkload.labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(FabricWorkload.labels(m.service()))
                .endPodSelector()
                .withPolicyTypes("Ingress");
        List<NetworkPolicyPeer> dependents = m.dependents().stream()
                .map(d -> new NetworkPolicyPeerBuilder()
                        .withNewPodSelector()
                        .withMatchLabels(FabricWorkload.labels(d))
                        .endPodSelector()
                        .build())
                .toList();
        var policyPorts = ports.stream()
                .map(p -> new NetworkPolicyPortBuilder()
                        .withPort(new IntOrString(p.getContainerPort()))
                        .withProtocol(p.getProtocol())
                        .build())
                .toList();
        if (!dependents.isEmpty() && !ports.isEmpty()) {
            policy.addNewIngress().withFrom(dependents).withPorts(policyPorts).endIngress();
        }
        boolean outside = m.options().ingressHost().isPresent() || m.options().serviceMonitor();
        if (outside && !ports.isEmpty()) {
            policy.addNewIngress()
                    .addNewFrom()
                    .withNewNamespaceSelector()
                    .endNamespaceSelector()
                    .endFrom()
                    .withPorts(policyPorts.getFirst())
                    .endIngress();
        }
        return policy.endSpec().build();
    }

    private static HasMetadata ingress(ServiceManifest m, String host) {
        var ingress = new IngressBuilder()
                .withNewMetadata()
                .withName(m.service())
                .withLabels(FabricWorkload.labels(m.service()))
                .endMetadata()
                .withNewSpec();
        m.options().ingressClass().ifPresent(ingress::withIngressClassName);
        return ingress.addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(m.service())
                .withNewPort()
                .withName("http")
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    /**
     * A map that keeps the order its entries are given in: what is written to git must be the same text on every run
     * (a {@code Map.of} iterates in an order that changes from one JVM to the next).
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, String> labels(String service, String environment) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("app.kubernetes.io/name", service);
        labels.put("app.kubernetes.io/environment", environment);
        return labels;
    }

    static GenericKubernetesResource generic(String apiVersion, String kind, String name, String namespace) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build();
    }
}
