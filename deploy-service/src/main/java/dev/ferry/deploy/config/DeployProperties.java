package dev.ferry.deploy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of deploy-service ({@code ferry.deploy.*}).
 *
 * @param workspaceDir where working copies of GitOps repositories are kept
 * @param argocdNamespace namespace of Argo CD's Application resources
 * @param pollInterval pause between two looks at Argo CD or a Deployment
 * @param maxPushAttempts pushes a batch tries before giving up on a branch that keeps moving
 * @param kubernetesUrl API server URL; empty to use the in-cluster or kubeconfig settings
 * @param credentials GitOps credentials by the name a plan's {@code credentialRef} uses; tokens never leave this map
 * @param traffic settings of {@code shift-traffic} steps
 * @param clusters each environment's cluster by environment name, when it is not the default one
 */
@ConfigurationProperties("ferry.deploy")
public record DeployProperties(
        Path workspaceDir,
        String argocdNamespace,
        Duration pollInterval,
        Integer maxPushAttempts,
        String kubernetesUrl,
        String authorName,
        String authorEmail,
        Map<String, Credential> credentials,
        Traffic traffic,
        Map<String, Cluster> clusters) {

    public DeployProperties {
        workspaceDir =
                workspaceDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "ferry-gitops") : workspaceDir;
        argocdNamespace = argocdNamespace == null ? "argocd" : argocdNamespace;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        maxPushAttempts = maxPushAttempts == null ? 50 : maxPushAttempts;
        authorName = authorName == null ? "Ferry" : authorName;
        authorEmail = authorEmail == null ? "ferry@localhost" : authorEmail;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        traffic = traffic == null ? new Traffic(null, null, null, null, null, null) : traffic;
        clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
    }

    /**
     * One environment's Kubernetes cluster ({@code ferry.deploy.clusters.<env>.*}).
     *
     * @param url the API server's URL
     * @param credentialRef the credential (under {@code ferry.deploy.credentials}) whose token authenticates; empty
     *     for none
     * @param argocdNamespace the namespace of Argo CD's Applications there; default {@code argocd}
     */
    public record Cluster(String url, String credentialRef, String argocdNamespace) {

        public Cluster {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("ferry.deploy.clusters.<env>.url is required for every cluster");
            }
            argocdNamespace = argocdNamespace == null || argocdNamespace.isBlank() ? "argocd" : argocdNamespace;
        }
    }

    /**
     * Settings of traffic shifts ({@code ferry.deploy.traffic.*}).
     *
     * @param prometheusUrl Prometheus's base URL (its HTTP API is under {@code /api/v1}); empty when none, and then a
     *     phase with analysis queries fails at once
     * @param stateDirectory where running shifts are saved, so a restart resumes them; must survive restarts
     * @param longestPause caps every pause of a plan (for tests and demos, where 48 h must take seconds); unset in
     *     production
     * @param longestInterval caps the analysis interval likewise
     * @param unreachableLimit how long Prometheus may stay unreachable before the step fails, retryable, with the weight
     *     left as it is
     * @param queryTimeout how long one query may take before Prometheus counts as unreachable
     */
    public record Traffic(
            URI prometheusUrl,
            Path stateDirectory,
            Duration longestPause,
            Duration longestInterval,
            Duration unreachableLimit,
            Duration queryTimeout) {

        public Traffic {
            // An empty setting (compose passes one when no Prometheus is given) means none.
            prometheusUrl = prometheusUrl == null || prometheusUrl.toString().isBlank() ? null : prometheusUrl;
            stateDirectory = stateDirectory == null
                    ? Path.of(System.getProperty("java.io.tmpdir"), "ferry-traffic")
                    : stateDirectory;
            unreachableLimit = unreachableLimit == null ? Duration.ofMinutes(10) : unreachableLimit;
            queryTimeout = queryTimeout == null ? Duration.ofSeconds(10) : queryTimeout;
        }
    }

    /** A username and token; {@link #toString()} hides the token so a dump of the settings cannot leak it. */
    public record Credential(String username, String token) {
        @Override
        public String toString() {
            return "Credential[username=" + username + ", token=***]";
        }
    }
}
