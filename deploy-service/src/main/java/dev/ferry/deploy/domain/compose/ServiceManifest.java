package dev.ferry.deploy.domain.compose;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to write one service's Kubernetes manifests: the compose service, the plan's options, and what the
 * rest of the compose file says about it.
 *
 * @param service the plan's service name, which names every object
 * @param appDirectory the service's directory in the GitOps repository ({@code apps/user-service}): base and overlays
 *     go under it
 * @param image the image repository the overlays point at; the tag is set per environment by the deploy phases
 * @param repositoryUrl the GitOps repository as Argo CD fetches it, without credentials
 * @param branch the GitOps branch the Applications follow
 * @param config the ConfigMap's data: the environment minus every secret
 * @param secrets every secret the container gets, by reference
 * @param configFiles each compose config's content by its name
 * @param dependents the compose services that depend on this one, which the NetworkPolicy lets in
 * @param argocdNamespaces each environment's Argo CD namespace, where its Application goes
 */
public record ServiceManifest(
        String service,
        String appDirectory,
        String image,
        String repositoryUrl,
        String branch,
        ComposeService compose,
        ManifestOptions options,
        Map<String, String> config,
        List<SecretReference> secrets,
        Map<String, String> configFiles,
        List<String> dependents,
        Map<String, String> argocdNamespaces) {

    public ServiceManifest {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        secrets = List.copyOf(secrets);
        configFiles = Map.copyOf(configFiles);
        dependents = List.copyOf(dependents);
        argocdNamespaces = Map.copyOf(argocdNamespaces);
    }

    public String applicationFile(String environment) {
        return appDirectory + "/application-" + environment + ".yaml";
    }

    public String argocdNamespace(String environment) {
        return argocdNamespaces.getOrDefault(environment, "argocd");
    }

    public String base() {
        return appDirectory + "/base";
    }

    public String overlay(String environment) {
        return appDirectory + "/overlays/" + environment;
    }

    /** The Argo CD Application's name in an environment: {@code <service>-<env>}. */
    public String application(String environment) {
        return service + "-" + environment;
    }

    public String secretName() {
        return service + "-secrets";
    }
}
