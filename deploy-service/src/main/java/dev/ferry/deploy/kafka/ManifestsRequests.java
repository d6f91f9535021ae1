package dev.ferry.deploy.kafka;

import dev.ferry.contracts.avro.GitOpsSpec;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.deploy.domain.GitOpsTarget;
import dev.ferry.deploy.domain.RepositoryPath;
import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.compose.ManifestOptions;
import dev.ferry.deploy.domain.compose.ManifestsRequest;
import dev.ferry.deploy.domain.compose.SecretBackend;
import dev.ferry.plan.action.Manifests;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one service's {@code manifests} step out of a {@code phase.started} record: the phase's settings (by the
 * catalogue's field names) and the service's source, image and GitOps settings.
 */
final class ManifestsRequests {

    private ManifestsRequests() {}

    static ManifestsRequest of(PhaseStarted event, ServiceWork work) {
        String service = work.getService();
        GitOpsSpec gitops = work.getGitops();
        if (gitops == null) {
            throw StepFailure.invalid("service " + service + " has no gitops settings for the manifests phase's"
                    + " environment; the plan must say which GitOps repository the manifests go to");
        }
        if (work.getSource() == null || work.getSource().getRepository().isBlank()) {
            throw StepFailure.invalid(
                    "the manifests phase needs the plan's source repository, which holds the" + " compose file");
        }
        Map<String, String> settings = event.getSettings();
        Map<String, String> parameters = work.getParameters();
        String environment = event.getEnvironment();
        var source = new GitOpsTarget(
                work.getSource().getRepository(),
                work.getSource().getBranch(),
                Optional.ofNullable(parameters.get("sourceCredentialRef")));
        return new ManifestsRequest(
                service,
                parameters.getOrDefault("composeService", service),
                source,
                RepositoryPath.of(settings.getOrDefault(Manifests.COMPOSE_FILE, "docker-compose.yml")),
                Manifests.variables(settings),
                new LinkedHashSet<>(Manifests.profiles(settings)),
                new GitOpsTarget(
                        gitops.getRepository(), gitops.getBranch(), Optional.ofNullable(gitops.getCredentialRef())),
                appDirectory(service, environment, gitops.getFilePath()),
                work.getImage() == null
                        ? service
                        : work.getImage().getRegistry() + "/" + work.getImage().getRepository(),
                options(settings, parameters, environment),
                StepRequests.stepId(event, work));
    }

    private static ManifestOptions options(
            Map<String, String> settings, Map<String, String> parameters, String environment) {
        return new ManifestOptions(
                Manifests.environments(settings, environment),
                settings.getOrDefault(Manifests.NAMESPACE, "{service}-{env}"),
                Optional.ofNullable(settings.getOrDefault(Manifests.HEALTH_PATH, parameters.get("healthPath"))),
                SecretBackend.named(settings.get(Manifests.SECRET_BACKEND)),
                Manifests.secrets(settings),
                Optional.ofNullable(settings.get(Manifests.SECRET_STORE)),
                Optional.ofNullable(settings.get(Manifests.INGRESS_HOST)),
                Optional.ofNullable(settings.get(Manifests.INGRESS_CLASS)),
                Optional.ofNullable(settings.get(Manifests.MAX_REPLICAS)).map(n -> count(Manifests.MAX_REPLICAS, n)),
                count(Manifests.CPU_TARGET, settings.getOrDefault(Manifests.CPU_TARGET, "70")),
                Boolean.parseBoolean(settings.get(Manifests.SERVICE_MONITOR)),
                settings.getOrDefault(Manifests.METRICS_PATH, "/metrics"),
                settings.getOrDefault(Manifests.VOLUME_SIZE, "1Gi"),
                replicas(settings));
    }

    private static Map<String, Integer> replicas(Map<String, String> settings) {
        var replicas = new LinkedHashMap<String, Integer>();
        Manifests.replicas(settings).forEach((env, n) -> replicas.put(env, count("replicas." + env, n)));
        return replicas;
    }

    private static int count(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw StepFailure.invalid("the manifests phase's " + field + " is '" + text + "', not a whole number");
        }
    }

    /** {@code apps/user} for {@code apps/user/overlays/dev/kustomization.yaml}: the layout seed 001 and 003 use. */
    private static String appDirectory(String service, String environment, String filePath) {
        String file = RepositoryPath.of(filePath);
        String suffix = "/overlays/" + environment + "/kustomization.yaml";
        if (!file.endsWith(suffix)) {
            throw StepFailure.invalid("service " + service + ": the manifests phase lays out <app>/base and"
                    + " <app>/overlays/<env>, so gitops.path must be <app>/overlays/{env}/kustomization.yaml; it is "
                    + file + " for environment " + environment);
        }
        return file.substring(0, file.length() - suffix.length());
    }
}
