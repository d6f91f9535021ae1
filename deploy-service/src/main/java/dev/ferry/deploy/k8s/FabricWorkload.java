package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.compose.ComposeService;
import dev.ferry.deploy.domain.compose.ComposeService.HealthCheck;
import dev.ferry.deploy.domain.compose.SecretReference;
import dev.ferry.deploy.domain.compose.ServiceManifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Deployment of one compose service: its container with ports, environment (ConfigMap plus secret references),
 * command, probes, resources and volumes, under the restricted Pod Security Standard.
 */
final class FabricWorkload {

    /** {@code curl -f http://localhost:3000/health} or {@code wget -qO- http://127.0.0.1:3000/health}. */
    private static final Pattern LOCAL_URL =
            Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0)(?::(\\d+))?(/[^\\s'\"]*)?");

    private FabricWorkload() {}

    static Map<String, String> labels(String service) {
        return Map.of("app.kubernetes.io/name", service);
    }

    static Deployment deployment(ServiceManifest m) {
        ComposeService compose = m.compose();
        var volumes = new ArrayList<Volume>();
        var mounts = new ArrayList<VolumeMount>();
        volumes(m, volumes, mounts);
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(m.service())
                .withLabels(labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(compose.replicas().orElse(1))
                .withNewSelector()
                .withMatchLabels(labels(m.service()))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(m.service()))
                .endMetadata()
                .withNewSpec()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(m, mounts))
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(ServiceManifest m, List<VolumeMount> mounts) {
        ComposeService compose = m.compose();
        Optional<Probe> probe = probe(m);
        var container = new ContainerBuilder()
                .withName(m.service())
                .withImage(m.service())
                .withPorts(ports(compose))
                .withEnv(secretVariables(m))
                .withVolumeMounts(mounts)
                .withResources(resources(compose.resources()))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext();
        if (!m.config().isEmpty()) {
            container
                    .addNewEnvFrom()
                    .withNewConfigMapRef()
                    .withName(configMapName(m))
                    .endConfigMapRef()
                    .endEnvFrom();
        }
        if (!compose.entrypoint().isEmpty()) {
            container.withCommand(compose.entrypoint());
        }
        if (!compose.command().isEmpty()) {
            container.withArgs(compose.command());
        }
        probe.ifPresent(p -> container.withLivenessProbe(p).withReadinessProbe(p));
        return container.build();
    }

    static String configMapName(ServiceManifest m) {
        return m.service() + "-config";
    }

    static String filesConfigMapName(ServiceManifest m) {
        return m.service() + "-files";
    }

    static String claimName(ServiceManifest m, String volume) {
        return m.service() + "-" + volume.replace('_', '-');
    }

    /** Distinct container ports, the first named {@code http} (what the Service, probes and Ingress point at). */
    static List<ContainerPort> ports(ComposeService compose) {
        var byPort = new LinkedHashMap<Integer, ContainerPort>();
        for (var port : compose.ports()) {
            byPort.computeIfAbsent(port.container(), p -> new ContainerPortBuilder()
                    .withName(byPort.isEmpty() ? "http" : "port-" + p)
                    .withContainerPort(p)
                    .withProtocol(port.protocol().toUpperCase(java.util.Locale.ROOT))
                    .build());
        }
        return List.copyOf(byPort.values());
    }

    private static List<EnvVar> secretVariables(ServiceManifest m) {
        return m.secrets().stream()
                .filter(s -> !s.isFile())
                .map(s -> new EnvVarBuilder()
                        .withName(s.name())
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(s.secretName())
                        .withKey(s.key())
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build())
                .toList();
    }

    private static void volumes(ServiceManifest m, List<Volume> volumes, List<VolumeMount> mounts) {
        int anonymous = 0;
        for (var v : m.compose().volumes()) {
            String name =
                    v.name().isEmpty() ? "scratch-" + ++anonymous : v.name().replace('_', '-');
            var volume = new VolumeBuilder().withName(name);
            if (v.name().isEmpty()) {
                volume.withNewEmptyDir().endEmptyDir();
            } else {
                volume.withNewPersistentVolumeClaim()
                        .withClaimName(claimName(m, v.name()))
                        .endPersistentVolumeClaim();
            }
            volumes.add(volume.build());
            mounts.add(mount(name, v.target(), null, v.readOnly()));
        }
        int n = 0;
        for (SecretReference s : m.secrets()) {
            if (s.isFile()) {
                String name = "secret-" + ++n;
                volumes.add(new VolumeBuilder()
                        .withName(name)
                        .withNewSecret()
                        .withSecretName(s.secretName())
                        .addNewItem()
                        .withKey(s.key())
                        .withPath(s.key())
                        .endItem()
                        .endSecret()
                        .build());
                mounts.add(mount(name, s.mountPath(), s.key(), true));
            }
        }
        if (!m.configFiles().isEmpty()) {
            volumes.add(new VolumeBuilder()
                    .withName("config-files")
                    .withNewConfigMap()
                    .withName(filesConfigMapName(m))
                    .endConfigMap()
                    .build());
            m.compose().configs().forEach(c -> mounts.add(mount("config-files", c.target(), c.source(), true)));
        }
    }

    private static VolumeMount mount(String volume, String path, String subPath, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withSubPath(subPath)
                .withReadOnly(readOnly)
                .build();
    }

    /**
     * The compose healthcheck as a probe: an HTTP GET when it only fetches a local URL (what most healthchecks do,
     * and what a kubelet can do without curl in the image), else the same command; the plan's healthPath when compose
     * has none.
     */
    static Optional<Probe> probe(ServiceManifest m) {
        Optional<HealthCheck> check = m.compose().healthCheck();
        if (check.isPresent()) {
            HealthCheck h = check.get();
            var probe = new ProbeBuilder()
                    .withPeriodSeconds(seconds(h.interval().toSeconds()))
                    .withTimeoutSeconds(seconds(h.timeout().toSeconds()))
                    .withFailureThreshold(Math.max(1, h.retries()))
                    .withInitialDelaySeconds((int) h.startPeriod().toSeconds());
            Matcher url = LOCAL_URL.matcher(String.join(" ", h.test()));
            boolean fetches = h.test().stream().anyMatch(w -> w.contains("curl") || w.contains("wget"));
            if (fetches && url.find()) {
                int port = url.group(1) == null ? 80 : Integer.parseInt(url.group(1));
                String path = url.group(2) == null ? "/" : url.group(2);
                return Optional.of(probe.withNewHttpGet()
                        .withPath(path)
                        .withPort(new IntOrString(port))
                        .endHttpGet()
                        .build());
            }
            return Optional.of(
                    probe.withNewExec().withCommand(h.test()).endExec().build());
        }
        if (m.options().healthPath().isPresent() && !m.compose().ports().isEmpty()) {
            return Optional.of(new ProbeBuilder()
                    .withNewHttpGet()
                    .withPath(m.options().healthPath().get())
                    .withPort(new IntOrString("http"))
                    .endHttpGet()
                    .withPeriodSeconds(10)
                    .withTimeoutSeconds(5)
                    .withFailureThreshold(3)
                    .build());
        }
        return Optional.empty();
    }

    private static int seconds(long s) {
        return (int) Math.max(1, s);
    }

    private static ResourceRequirements resources(ComposeService.Resources r) {
        var limits = new LinkedHashMap<String, Quantity>();
        var requests = new LinkedHashMap<String, Quantity>();
        if (r.cpuLimitMillis() > 0) {
            limits.put("cpu", new Quantity(r.cpuLimitMillis() + "m"));
        }
        if (r.memoryLimitBytes() > 0) {
            limits.put("memory", memory(r.memoryLimitBytes()));
        }
        if (r.cpuRequestMillis() > 0) {
            requests.put("cpu", new Quantity(r.cpuRequestMillis() + "m"));
        }
        if (r.memoryRequestBytes() > 0) {
            requests.put("memory", memory(r.memoryRequestBytes()));
        }
        return new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .withLimits(limits.isEmpty() ? null : limits)
                .withRequests(requests.isEmpty() ? null : requests)
                .build();
    }

    private static Quantity memory(long bytes) {
        long mi = 1024L * 1024;
        return bytes % mi == 0 ? new Quantity(bytes / mi + "Mi") : new Quantity(Long.toString(bytes));
    }
}
