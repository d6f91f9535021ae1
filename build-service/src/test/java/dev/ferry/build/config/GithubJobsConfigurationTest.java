package dev.ferry.build.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What GithubJobsConfiguration adds to build-service's context, with BuildConfiguration's beans it uses stood in. */
class GithubJobsConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(BuildBeans.class, GithubJobsConfiguration.class);

    @Test
    void aConfiguredTokenMakesAGithubActionsJobRunner() {
        context.withPropertyValues(
                        "ferry.build.jobs.github-actions.token-ref=github-jobs",
                        "ferry.build.jobs.github-actions.poll-interval=2s",
                        "ferry.build.jobs.github-actions.api-urls[github.com]=http://127.0.0.1:9/api")
                .run(beans -> {
                    assertThat(beans).hasSingleBean(JobRunner.class).hasSingleBean(WorkflowRunSignals.class);
                    assertThat(beans.getBean(JobRunner.class).place()).isEqualTo("github-actions");
                    GithubJobsProperties properties = beans.getBean(GithubJobsProperties.class);
                    assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.apiUrls()).containsEntry("github.com", URI.create("http://127.0.0.1:9/api"));
                });
    }

    @Test
    void withoutATokenThereIsNoRunnerButDeliveriesStillHaveSignals() {
        context.run(beans -> {
            assertThat(beans).doesNotHaveBean(JobRunner.class).hasSingleBean(WorkflowRunSignals.class);
            assertThat(beans.getBean(GithubJobsProperties.class).pollInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BuildProperties.class)
    static class BuildBeans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        RegistrySecrets registrySecrets() {
            return reference -> Optional.empty();
        }
    }
}
