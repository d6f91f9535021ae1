package dev.ferry.build.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where build-service runs the jobs of {@code run} steps with {@code runsOn: kubernetes}
 * ({@code ferry.build.jobs.kubernetes.*}).
 *
 * @param enabled whether this build-service runs kubernetes jobs at all; off by default, as it needs a cluster
 * @param clusters the cluster of each environment plans name (the phase's {@code environment})
 * @param defaultCluster the cluster of a phase with no environment, or with one {@code clusters} does not list; with
 *     no master URL, the service account build-service runs as (in a cluster) or the kubeconfig
 * @param initImage the image of the init container that unpacks a job's workspace; it needs {@code tar} with gzip
 * @param pollInterval how often a running job and its pods are read
 * @param deadlineGrace how long past a job's deadline build-service waits for the cluster to stop it
 *     ({@code activeDeadlineSeconds}) before deleting it itself
 */
@ConfigurationProperties(prefix = "ferry.build.jobs.kubernetes")
public record KubernetesJobsProperties(
        Boolean enabled,
        Map<String, Cluster> clusters,
        Cluster defaultCluster,
        String initImage,
        Duration pollInterval,
        Duration deadlineGrace) {

    public KubernetesJobsProperties {
        enabled = enabled != null && enabled;
        clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
        defaultCluster = defaultCluster == null ? new Cluster(null, null, null, null) : defaultCluster;
        initImage = initImage == null || initImage.isBlank() ? "busybox:1.36" : initImage;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        deadlineGrace = deadlineGrace == null ? Duration.ofSeconds(30) : deadlineGrace;
    }

    /**
     * One cluster's API server.
     *
     * @param masterUrl the API server's URL; empty for the service account or the kubeconfig
     * @param tokenRef the name of the credential in {@code ferry.build.credentials} whose password is the bearer token;
     *     never the token itself
     * @param namespace the client's default namespace (a job's own {@code namespace} setting wins)
     * @param trustCerts whether to accept any TLS certificate from the API server; only for a local test cluster
     */
    public record Cluster(String masterUrl, String tokenRef, String namespace, Boolean trustCerts) {
        public Cluster {
            trustCerts = trustCerts != null && trustCerts;
        }
    }
}
