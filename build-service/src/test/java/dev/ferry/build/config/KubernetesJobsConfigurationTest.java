package dev.ferry.build.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.job.JobRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KubernetesJobsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(KubernetesJobsConfiguration.class, WhatBuildConfigurationGives.class);

    @Test
    void runsNoKubernetesJobsUnlessEnabled() {
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(JobRunner.class));
    }

    @Test
    void runsKubernetesJobsWhenEnabled() {
        context.withPropertyValues(
                        "ferry.build.jobs.kubernetes.enabled=true",
                        "ferry.build.jobs.kubernetes.default-cluster.master-url=https://k8s.example:6443",
                        "ferry.build.jobs.kubernetes.clusters.production.master-url=https://prod.example:6443",
                        "ferry.build.jobs.kubernetes.clusters.production.token-ref=prod-cluster",
                        "ferry.build.credentials.prod-cluster.username=ferry",
                        "ferry.build.credentials.prod-cluster.password=prod-token")
                .run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(JobRunner.class);
                    assertThat(started.getBean(JobRunner.class).place()).isEqualTo("kubernetes");
                    assertThat(started.getBean(KubernetesJobsProperties.class).pollInterval())
                            .hasSeconds(2);
                });
    }

    @Test
    void givesAClusterTheTokenOfTheCredentialItNames() {
        var cluster = new KubernetesJobsProperties.Cluster("https://prod.example:6443", "prod-cluster", "jobs", false);

        try (KubernetesClient client = KubernetesJobsConfiguration.client(
                "production",
                cluster,
                Map.of("prod-cluster", new BuildProperties.Credentials("ferry", "prod-token")))) {
            assertThat(client.getMasterUrl()).hasToString("https://prod.example:6443/");
            assertThat(client.getConfiguration().getOauthToken()).isEqualTo("prod-token");
            assertThat(client.getConfiguration().getNamespace()).isEqualTo("jobs");
        }
    }

    @Test
    void refusesToStartWhenAClusterNamesACredentialThatIsNotConfigured() {
        context.withPropertyValues(
                        "ferry.build.jobs.kubernetes.enabled=true",
                        "ferry.build.jobs.kubernetes.clusters.production.master-url=https://prod.example:6443",
                        "ferry.build.jobs.kubernetes.clusters.production.token-ref=missing")
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "names credential 'missing', which ferry.build.credentials does not have"));
    }

    /** The beans the kubernetes jobs' configuration takes from build-service's main configuration. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BuildProperties.class)
    static class WhatBuildConfigurationGives {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
