package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.Clusters;
import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.GitOpsWorkspace;
import dev.ferry.deploy.domain.GitOpsWorkspaces;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.WriteBacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code manifests} step: read the source's compose file, turn one service into Kubernetes manifests (a Kustomize
 * base, one overlay per environment, an Argo CD Application per environment) and commit them to the GitOps branch.
 * Running it again writes nothing when nothing changed, and keeps the tags deploys wrote into the overlays.
 */
public final class ComposeManifests {

    private final GitOpsWorkspaces sources;
    private final WriteBacks writeBacks;
    private final ManifestRenderer renderer;
    private final Clusters clusters;
    private final Map<GitOpsTarget, GitOpsWorkspace> sourceCopies = new ConcurrentHashMap<>();

    /** @param clusters where each environment's Argo CD Application is created or updated */
    public ComposeManifests(
            GitOpsWorkspaces sources, WriteBacks writeBacks, ManifestRenderer renderer, Clusters clusters) {
        this.sources = sources;
        this.writeBacks = writeBacks;
        this.renderer = renderer;
        this.clusters = clusters;
    }

    public ManifestsResult run(ManifestsRequest request) {
        ServiceManifest manifest = read(request);
        Map<String, String> files = renderer.render(manifest);
        var commit = writeBacks
                .forTarget(request.gitops())
                .commitFiles(
                        files.keySet(),
                        (path, existing) -> path.endsWith("/kustomization.yaml")
                                ? OverlayTags.keep(path, existing, files.get(path), request.service())
                                : files.get(path),
                        "ferry: Kubernetes manifests for " + request.service() + " from " + request.composeFile()
                                + "\n\nFerry-Step: " + request.stepId() + "\n");
        return new ManifestsResult(
                commit,
                List.copyOf(files.keySet()),
                manifest.compose().unfaithful(),
                applyApplications(manifest, files));
    }

    /** Creates or updates each environment's Application in its cluster, so that a first deploy finds it. */
    private List<String> applyApplications(ServiceManifest manifest, Map<String, String> files) {
        var applications = new ArrayList<String>();
        for (String env : manifest.options().environments()) {
            String namespace = manifest.argocdNamespace(env);
            clusters.applications(env).apply(namespace, files.get(manifest.applicationFile(env)));
            applications.add(env + ":" + namespace + "/" + manifest.application(env));
        }
        return applications;
    }

    /** Reads everything the source holds for the service in one look at its branch. */
    private ServiceManifest read(ManifestsRequest request) {
        GitOpsWorkspace source = sourceCopies.computeIfAbsent(request.source(), sources::open);
        synchronized (source) {
            source.syncToRemote();
            ComposeFile compose = new ComposeReader(source::read)
                    .read(request.composeFile(), request.variables(), request.profiles());
            ComposeService service = compose.service(request.composeService())
                    .orElseThrow(() -> StepFailure.invalid(request.composeFile() + " has no service "
                            + request.composeService() + " (with the phase's profiles it has "
                            + String.join(", ", compose.services().keySet()) + "); set the service's parameter"
                            + " composeService to its name in the compose file"));
            var configFiles = new LinkedHashMap<String, String>();
            for (var mount : service.configs()) {
                String path = compose.configFiles().get(mount.source());
                if (path == null) {
                    throw StepFailure.invalid(request.composeFile() + ":" + mount.line() + ": config " + mount.source()
                            + " has no file; only file configs can become a ConfigMap");
                }
                configFiles.put(
                        mount.source(),
                        source.read(path)
                                .orElseThrow(() -> StepFailure.invalid(request.composeFile() + ":" + mount.line()
                                        + ": config file " + path + " is missing")));
            }
            var secrets = secrets(request, service);
            var config = new LinkedHashMap<>(service.environment());
            secrets.forEach(s -> config.remove(s.name()));
            return new ServiceManifest(
                    request.service(),
                    request.appDirectory(),
                    request.image(),
                    Redaction.withoutCredentials(request.gitops().repository()),
                    request.gitops().branch(),
                    service,
                    request.options(),
                    config,
                    secrets,
                    configFiles,
                    compose.dependentsOf(service.name()),
                    argocdNamespaces(request.options()));
        }
    }

    private Map<String, String> argocdNamespaces(ManifestOptions options) {
        var namespaces = new LinkedHashMap<String, String>();
        options.environments().forEach(env -> namespaces.put(env, clusters.argocdNamespace(env)));
        return namespaces;
    }

    /**
     * Every compose secret the service mounts must be mapped by the plan; every environment variable the plan maps is
     * taken out of the ConfigMap and referenced instead.
     */
    private static List<SecretReference> secrets(ManifestsRequest request, ComposeService service) {
        ManifestOptions options = request.options();
        boolean sealed = options.secretBackend() == SecretBackend.SEALED_SECRET;
        var references = new ArrayList<SecretReference>();
        for (var mount : service.secrets()) {
            String remote = options.secrets().get(mount.source());
            if (remote == null) {
                throw StepFailure.invalid(request.composeFile() + ":" + mount.line() + ": service " + service.name()
                        + " uses secret " + mount.source() + ", which the phase's secrets do not map; add secrets."
                        + mount.source() + " with its " + (sealed ? "sealed Secret's name" : "key in the store"));
            }
            references.add(reference(request, mount.source(), remote, mount.target()));
        }
        for (String variable : service.environment().keySet()) {
            String remote = options.secrets().get(variable);
            if (remote != null) {
                references.add(reference(request, variable, remote, ""));
            }
        }
        return references;
    }

    private static SecretReference reference(ManifestsRequest request, String name, String remote, String mount) {
        String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return request.options().secretBackend() == SecretBackend.SEALED_SECRET
                ? new SecretReference(name, remote, name, remote, mount)
                : new SecretReference(name, request.service() + "-secrets", key, remote, mount);
    }
}
