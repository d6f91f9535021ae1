package dev.ferry.plan.action;

import dev.ferry.plan.ResolvedDeploy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code manifests}: turns each service of the source's {@code docker-compose.yml} into Kubernetes manifests in the
 * GitOps repository (deploy-service): a Kustomize base (Deployment with probes, resources and a restricted security
 * context, Service, ConfigMap, secret references, volume claims, autoscaler, NetworkPolicy, ServiceMonitor when asked),
 * one overlay per environment (namespace, image, replicas, Ingress) and an Argo CD Application per environment. The
 * phase's {@code environment} says which GitOps settings to use: its file path for the service,
 * {@code <app>/overlays/<env>/kustomization.yaml}, places the base in {@code <app>/base}.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): the fields by name; {@code environments.n}, {@code profiles.n}
 * (from 1); {@code variables.NAME}, {@code secrets.NAME} and {@code replicas.ENV}.
 */
public final class Manifests {
    public static final String ENVIRONMENTS = "environments";
    public static final String COMPOSE_FILE = "composeFile";
    public static final String PROFILES = "profiles";
    public static final String VARIABLES = "variables";
    public static final String HEALTH_PATH = "healthPath";
    public static final String SECRET_BACKEND = "secretBackend";
    public static final String SECRET_STORE = "secretStore";
    public static final String SECRETS = "secrets";
    public static final String NAMESPACE = "namespace";
    public static final String INGRESS_HOST = "ingressHost";
    public static final String INGRESS_CLASS = "ingressClass";
    public static final String MAX_REPLICAS = "maxReplicas";
    public static final String CPU_TARGET = "cpuTarget";
    public static final String SERVICE_MONITOR = "serviceMonitor";
    public static final String METRICS_PATH = "metricsPath";
    public static final String VOLUME_SIZE = "volumeSize";
    public static final String REPLICAS = "replicas";

    /** The commit that wrote the service's manifests; empty when the repository already held them. */
    public static final String MANIFESTS_COMMIT = "manifestsCommit";
    /** The files of the service's manifests, comma separated. */
    public static final String MANIFEST_FILES = "manifestFiles";
    /**
     * The compose features no generated object reproduces, one per line: service, {@code file:line}, feature, why.
     */
    public static final String UNFAITHFUL = "unfaithful";

    static final Action ACTION = Action.named(
                    "manifests",
                    "writes Kubernetes manifests (Kustomize base, overlays, Argo CD Applications) from the source's"
                            + " docker-compose.yml into the GitOps repository")
            .fields(
                    ActionField.required(
                            "environment",
                            ActionField.Type.ENVIRONMENT,
                            "the environment whose GitOps settings say where the manifests go"),
                    ActionField.optional(
                            ENVIRONMENTS,
                            ActionField.Type.STRING_LIST,
                            "the environments that get an overlay and an Argo CD Application, in promotion order;"
                                    + " default the phase's environment"),
                    ActionField.optional(
                            COMPOSE_FILE,
                            ActionField.Type.TEXT,
                            "the compose file's path in the source repository; default docker-compose.yml"),
                    ActionField.optional(
                            PROFILES, ActionField.Type.STRING_LIST, "the compose profiles turned on; default none"),
                    ActionField.optional(
                            VARIABLES,
                            ActionField.Type.TEXT_MAP,
                            "values for ${VAR} in the compose file; they win over its .env file"),
                    ActionField.optional(
                            HEALTH_PATH,
                            ActionField.Type.TEXT,
                            "the probes' HTTP path for a service without a compose healthcheck (/health)"),
                    ActionField.choice(
                            SECRET_BACKEND,
                            List.of("external-secret", "sealed-secret"),
                            "how secrets reach the cluster, never as a value in git: an ExternalSecret reading"
                                    + " secretStore, or a Secret sealed with kubeseal"),
                    ActionField.optional(
                            SECRET_STORE,
                            ActionField.Type.TEXT,
                            "the ClusterSecretStore the ExternalSecrets read from"),
                    ActionField.optional(
                            SECRETS,
                            ActionField.Type.TEXT_MAP,
                            "each compose secret and each secret environment variable to its key in the store"
                                    + " (prod/db#password), or to its sealed Secret's name; every compose secret a"
                                    + " service uses must be here"),
                    ActionField.optional(
                            NAMESPACE,
                            ActionField.Type.TEXT,
                            "each overlay's namespace, with {service} and {env}; default {service}-{env}"),
                    ActionField.optional(
                            INGRESS_HOST,
                            ActionField.Type.TEXT,
                            "an Ingress host per environment with {service} and {env}; default no Ingress"),
                    ActionField.optional(INGRESS_CLASS, ActionField.Type.TEXT, "the Ingress's class (nginx)"),
                    ActionField.optional(
                            MAX_REPLICAS,
                            ActionField.Type.COUNT,
                            "a HorizontalPodAutoscaler up to this many replicas, from the compose replicas;"
                                    + " default none"),
                    ActionField.optional(
                            CPU_TARGET,
                            ActionField.Type.COUNT,
                            "the autoscaler's average CPU utilisation target in percent; default 70"),
                    ActionField.optional(
                            SERVICE_MONITOR,
                            ActionField.Type.BOOLEAN,
                            "a Prometheus Operator ServiceMonitor on the http port; default false"),
                    ActionField.optional(
                            METRICS_PATH, ActionField.Type.TEXT, "the ServiceMonitor's path; default /metrics"),
                    ActionField.optional(
                            VOLUME_SIZE,
                            ActionField.Type.TEXT,
                            "the size each named volume's PersistentVolumeClaim requests; default 1Gi"),
                    ActionField.optional(
                            REPLICAS,
                            ActionField.Type.TEXT_MAP,
                            "replicas by environment, overriding the compose file's deploy.replicas (production: 3)"))
            .requires(Requirement.SOURCE, Requirement.GITOPS)
            .outputs(MANIFESTS_COMMIT, MANIFEST_FILES, UNFAITHFUL)
            .timeout(Duration.ofMinutes(15))
            .describedAs(Manifests::describe);

    private Manifests() {}

    public static List<String> environments(Map<String, String> settings, String phaseEnvironment) {
        List<String> listed = ActionField.items(settings, ENVIRONMENTS);
        return listed.isEmpty() ? List.of(phaseEnvironment) : listed;
    }

    public static List<String> profiles(Map<String, String> settings) {
        return ActionField.items(settings, PROFILES);
    }

    public static SortedMap<String, String> variables(Map<String, String> settings) {
        return ActionField.entries(settings, VARIABLES);
    }

    public static SortedMap<String, String> secrets(Map<String, String> settings) {
        return ActionField.entries(settings, SECRETS);
    }

    public static SortedMap<String, String> replicas(Map<String, String> settings) {
        return ActionField.entries(settings, REPLICAS);
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        ResolvedDeploy target = GitOpsSentence.target(step);
        String overlays = String.join(", ", environments(settings, step.phase().environment()));
        return "Kubernetes manifests for " + step.service().name() + " from "
                + settings.getOrDefault(COMPOSE_FILE, "docker-compose.yml") + " into " + target.repository() + " ("
                + target.filePath() + "; overlays " + overlays + ")";
    }
}
