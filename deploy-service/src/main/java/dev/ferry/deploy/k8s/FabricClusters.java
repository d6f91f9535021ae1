package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.ArgoCdApplications;
import dev.ferry.deploy.domain.Clusters;
import dev.ferry.deploy.domain.DeploymentRollouts;
import dev.ferry.deploy.domain.StepFailure;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One fabric8 client per environment's cluster, made on first use and kept: the API server's URL and the namespace of
 * its Argo CD come from the settings, the bearer token from the credential the environment's {@code credentialRef}
 * names. Environments without settings share the default client.
 */
public final class FabricClusters implements Clusters, AutoCloseable {

    /**
     * An environment's cluster.
     *
     * @param credentialRef names the credential whose token authenticates; empty for none (a local API server)
     */
    public record Cluster(String url, Optional<String> credentialRef, String argocdNamespace) {}

    private final KubernetesClient defaultClient;
    private final String defaultArgocdNamespace;
    private final Map<String, Cluster> byEnvironment;
    private final Function<String, Optional<String>> tokens;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ArgoCdApplications> applications = new ConcurrentHashMap<>();
    private final Map<String, DeploymentRollouts> deployments = new ConcurrentHashMap<>();

    /** @param tokens the token of a credential reference, empty when none is configured under that name */
    public FabricClusters(
            KubernetesClient defaultClient,
            String defaultArgocdNamespace,
            Map<String, Cluster> byEnvironment,
            Function<String, Optional<String>> tokens) {
        this.defaultClient = defaultClient;
        this.defaultArgocdNamespace = defaultArgocdNamespace;
        this.byEnvironment = Map.copyOf(byEnvironment);
        this.tokens = tokens;
    }

    @Override
    public ArgoCdApplications applications(String environment) {
        return applications.computeIfAbsent(
                environment, env -> new FabricArgoCdApplications(client(env), "environment " + env + "'s cluster"));
    }

    @Override
    public DeploymentRollouts deployments(String environment) {
        return deployments.computeIfAbsent(environment, env -> new FabricDeploymentRollouts(client(env)));
    }

    @Override
    public String argocdNamespace(String environment) {
        Cluster cluster = byEnvironment.get(environment);
        return cluster == null ? defaultArgocdNamespace : cluster.argocdNamespace();
    }

    private KubernetesClient client(String environment) {
        Cluster cluster = byEnvironment.get(environment);
        if (cluster == null) {
            return defaultClient;
        }
        return clients.computeIfAbsent(environment, env -> {
            // A few quick retries: an unreachable cluster fails the step (retryable) instead of holding it for minutes.
            var config = new ConfigBuilder()
                    .withMasterUrl(cluster.url())
                    .withTrustCerts(true)
                    .withRequestRetryBackoffLimit(3);
            cluster.credentialRef()
                    .ifPresent(ref -> config.withOauthToken(tokens.apply(ref)
                            .orElseThrow(() -> new StepFailure(
                                    StepFailure.Kind.AUTHENTICATION,
                                    false,
                                    "environment " + env + "'s cluster names credential '" + ref + "', which is not"
                                            + " configured; set ferry.deploy.credentials." + ref + ".token"))));
            return new KubernetesClientBuilder().withConfig(config.build()).build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
