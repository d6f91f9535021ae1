package dev.ferry.build.config;

import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.job.kubernetes.KubernetesClusters;
import dev.ferry.build.job.kubernetes.KubernetesJobRunner;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the kubernetes place of {@code run} steps, when {@code ferry.build.jobs.kubernetes.enabled=true}: a client per
 * configured cluster and the {@link JobRunner} that runs jobs as Kubernetes Jobs in them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ferry.build.jobs.kubernetes", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(KubernetesJobsProperties.class)
public class KubernetesJobsConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClusters kubernetesClusters(KubernetesJobsProperties jobs, BuildProperties build) {
        var byEnvironment = new LinkedHashMap<String, KubernetesClient>();
        jobs.clusters()
                .forEach((environment, cluster) ->
                        byEnvironment.put(environment, client(environment, cluster, build.credentials())));
        return new KubernetesClusters(
                byEnvironment, client("the default cluster", jobs.defaultCluster(), build.credentials()));
    }

    @Bean
    JobRunner kubernetesJobRunner(KubernetesClusters clusters, KubernetesJobsProperties jobs, Clock clock) {
        return new KubernetesJobRunner(
                clusters,
                jobs.initImage(),
                new KubernetesJobRunner.Settings(jobs.pollInterval(), jobs.deadlineGrace()),
                clock);
    }

    /** A client of {@code cluster}, with the token of the credential it names; fails startup on a missing one. */
    static KubernetesClient client(
            String name,
            KubernetesJobsProperties.Cluster cluster,
            Map<String, BuildProperties.Credentials> credentials) {
        Config config = cluster.masterUrl() == null || cluster.masterUrl().isBlank()
                ? Config.autoConfigure(null)
                : new ConfigBuilder()
                        .withMasterUrl(cluster.masterUrl())
                        .withTrustCerts(cluster.trustCerts())
                        .build();
        if (cluster.tokenRef() != null && !cluster.tokenRef().isBlank()) {
            BuildProperties.Credentials credential = credentials.get(cluster.tokenRef());
            if (credential == null) {
                throw new IllegalStateException("the kubernetes cluster of " + name + " names credential '"
                        + cluster.tokenRef() + "', which ferry.build.credentials does not have; add it there (its"
                        + " password is the token) or fix ferry.build.jobs.kubernetes's token-ref");
            }
            config.setOauthToken(credential.password());
        }
        if (cluster.namespace() != null && !cluster.namespace().isBlank()) {
            config.setNamespace(cluster.namespace());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
