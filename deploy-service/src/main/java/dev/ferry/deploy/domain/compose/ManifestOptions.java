package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan's {@code manifests} phase asks for beyond the compose file, already read from its settings.
 *
 * @param environments the environments that get an overlay, in promotion order
 * @param namespaceTemplate each overlay's namespace, with {@code {service}} and {@code {env}}
 * @param healthPath the probes' HTTP path for a service without a compose healthcheck; empty for none
 * @param secrets each secret's name (a compose secret or an environment variable) to where the backend finds it: the
 *     store's key ({@code prod/db#password}) for an ExternalSecret, the sealed Secret's name for a SealedSecret
 * @param secretStore the ClusterSecretStore an ExternalSecret reads from
 * @param ingressHost the Ingress host per environment with {@code {service}} and {@code {env}}; empty for no Ingress
 * @param maxReplicas the HorizontalPodAutoscaler's ceiling; empty for no autoscaler
 * @param replicas replicas by environment, overriding the compose file's {@code deploy.replicas}
 */
public record ManifestOptions(
        List<String> environments,
        String namespaceTemplate,
        Optional<String> healthPath,
        SecretBackend secretBackend,
        Map<String, String> secrets,
        Optional<String> secretStore,
        Optional<String> ingressHost,
        Optional<String> ingressClass,
        Optional<Integer> maxReplicas,
        int cpuTarget,
        boolean serviceMonitor,
        String metricsPath,
        String volumeSize,
        Map<String, Integer> replicas) {

    public ManifestOptions {
        environments = List.copyOf(environments);
        secrets = Map.copyOf(secrets);
        replicas = Map.copyOf(replicas);
        if (environments.isEmpty()) {
            throw StepFailure.invalid("the manifests phase names no environment to write an overlay for");
        }
        if (healthPath.isPresent() && !healthPath.get().startsWith("/")) {
            throw StepFailure.invalid("healthPath '" + healthPath.get() + "' must be an absolute path such as /health");
        }
        if (secretBackend == SecretBackend.EXTERNAL_SECRET && !secrets.isEmpty() && secretStore.isEmpty()) {
            throw StepFailure.invalid("the manifests phase maps secrets to an external-secret store but names no"
                    + " secretStore; set secretStore to the ClusterSecretStore to read them from");
        }
        if (cpuTarget < 1 || cpuTarget > 100) {
            throw StepFailure.invalid("cpuTarget " + cpuTarget + " is not a percentage of 1-100");
        }
    }

    public String namespace(String service, String environment) {
        return fill(namespaceTemplate, service, environment);
    }

    public Optional<String> ingressHost(String service, String environment) {
        return ingressHost.map(h -> fill(h, service, environment));
    }

    private static String fill(String template, String service, String environment) {
        return template.replace("{service}", service).replace("{env}", environment);
    }
}
