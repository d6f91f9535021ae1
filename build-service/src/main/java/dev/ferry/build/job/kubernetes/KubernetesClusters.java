package dev.ferry.build.job.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters kubernetes jobs run in: one per environment a plan names, and a default one for a phase with no
 * environment or with one that is not listed (a single cluster serves every environment unless configured otherwise).
 */
public final class KubernetesClusters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesClusters.class);
    static final String DEFAULT = "default";

    private final Map<String, KubernetesClient> byEnvironment;
    private final KubernetesClient defaultCluster;

    public KubernetesClusters(Map<String, KubernetesClient> byEnvironment, KubernetesClient defaultCluster) {
        this.byEnvironment = Map.copyOf(byEnvironment);
        this.defaultCluster = Objects.requireNonNull(defaultCluster, "defaultCluster");
    }

    /** The cluster of {@code environment}; the default one when it is null or not listed. */
    Cluster of(String environment) {
        KubernetesClient client = environment == null ? null : byEnvironment.get(environment);
        return client == null ? new Cluster(DEFAULT, defaultCluster) : new Cluster(environment, client);
    }

    @Override
    public void close() {
        byEnvironment.values().forEach(KubernetesClusters::closeQuietly);
        closeQuietly(defaultCluster);
    }

    private static void closeQuietly(KubernetesClient client) {
        try {
            client.close();
        } catch (RuntimeException e) {
            log.warn("event=kubernetes_client_close_failed url={}", client.getMasterUrl(), e);
        }
    }

    /** A cluster's client and what messages call it: its name and API server's URL, never its credentials. */
    record Cluster(String name, KubernetesClient client) {

        String url() {
            return String.valueOf(client.getMasterUrl());
        }

        @Override
        public String toString() {
            return "cluster " + name + " (" + url() + ")";
        }
    }
}
