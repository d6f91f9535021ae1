package dev.ferry.build.config;

import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import dev.ferry.build.job.github.GithubApis;
import dev.ferry.build.job.github.GithubWorkflowJobRunner;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the run action's github-actions jobs: a {@link JobRunner} that dispatches and follows workflow runs, present
 * when a token is configured, and the signals through which {@code workflow_run} deliveries end its waits.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GithubJobsProperties.class)
public class GithubJobsConfiguration {

    /** Always there, so the webhook listener can hand it deliveries whether or not jobs run on GitHub. */
    @Bean
    WorkflowRunSignals workflowRunSignals() {
        return new WorkflowRunSignals();
    }

    @Bean
    @ConditionalOnProperty(prefix = "ferry.build.jobs.github-actions", name = "token-ref")
    JobRunner githubWorkflowJobRunner(
            GithubJobsProperties jobs,
            BuildProperties build,
            RegistrySecrets secrets,
            WorkflowRunSignals signals,
            Clock clock) {
        var apis = new GithubApis(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                build.githubActions().hosts(),
                jobs.apiUrls(),
                () -> secrets.lookup(jobs.tokenRef()).map(RegistryCredentials::password),
                jobs.requestTimeout());
        return new GithubWorkflowJobRunner(apis, signals, jobs.pollInterval(), clock);
    }
}
