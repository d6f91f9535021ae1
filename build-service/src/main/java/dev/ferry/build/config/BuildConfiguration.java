package dev.ferry.build.config;

import dev.ferry.build.buildah.BuildahImageBuilder;
import dev.ferry.build.buildah.BuildahInstallation;
import dev.ferry.build.buildah.BuildahJobRunner;
import dev.ferry.build.buildah.MissingBuildah;
import dev.ferry.build.buildah.NoLocalJobs;
import dev.ferry.build.domain.CiImageLookup;
import dev.ferry.build.domain.CiWaits;
import dev.ferry.build.domain.DockerfileBuilder;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.TagPromotions;
import dev.ferry.build.domain.job.JobRunner;
import dev.ferry.build.domain.job.JobWorkflow;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import dev.ferry.build.ecr.EcrClients;
import dev.ferry.build.ecr.EcrRegistry;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.kafka.BuildEvents;
import dev.ferry.build.kafka.GithubActionsBuilds;
import dev.ferry.build.kafka.GithubWebhookListener;
import dev.ferry.build.kafka.JobSteps;
import dev.ferry.build.kafka.PhaseStartedListener;
import dev.ferry.build.kafka.Publishing;
import dev.ferry.build.kafka.TagSteps;
import dev.ferry.build.kafka.WaitFiles;
import dev.ferry.build.web.JobLogFiles;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.StreamBindings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires build-service: the build workflow over Jib, buildah, JGit and the registries, and the Kafka listeners in
 * front.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(BuildProperties.class)
public class BuildConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BuildConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RegistrySecrets registrySecrets(BuildProperties properties) {
        return reference -> Optional.ofNullable(reference)
                .map(properties.credentials()::get)
                .map(c -> new RegistryCredentials(c.username(), c.password()));
    }

    @Bean(destroyMethod = "close")
    EcrClients ecrClients(BuildProperties properties) {
        return new EcrClients(properties.ecr().region(), properties.ecr().endpointOverride());
    }

    /** ECR for its hosts, then any OCI registry, which serves every host and so is asked last. */
    @Bean
    Registries registries(EcrClients ecrClients, RegistrySecrets secrets, BuildProperties properties) {
        return new Registries(List.of(
                new EcrRegistry(ecrClients, properties.ecr().registries()),
                new OciRegistry(secrets, properties.plainHttpRegistries())));
    }

    /**
     * buildah when it is installed; otherwise a stand-in whose builds fail saying what to install, or no start at all
     * when the configuration says builds need it.
     */
    @Bean
    DockerfileBuilder buildah(BuildProperties properties, Registries registries) {
        BuildProperties.Buildah buildah = properties.buildah();
        Optional<Path> executable = BuildahInstallation.find(buildah.executable());
        if (executable.isEmpty()) {
            if (buildah.required()) {
                throw new BuildahMissing(buildah.executable());
            }
            log.warn(
                    "buildah not found; builds that need it fail until it is installed: {}",
                    BuildahInstallation.missingMessage(buildah.executable()));
            return new MissingBuildah(buildah.executable());
        }
        return new BuildahImageBuilder(
                executable.get(),
                buildah.storageDirectory(),
                properties.plainHttpRegistries(),
                buildah.timeout(),
                host -> baseImageCredentials(registries, host));
    }

    @Bean
    ImageBuildWorkflow imageBuildWorkflow(
            BuildProperties properties,
            Registries registries,
            DockerfileBuilder buildah,
            RegistrySecrets secrets,
            Clock clock) {
        var jib = new JibImageBuilder(
                properties.cacheDirectory(),
                properties.plainHttpRegistries(),
                host -> baseImageCredentials(registries, host));
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(properties.workDirectory(), secrets),
                jib,
                buildah,
                registries,
                properties.archiveDirectory(),
                retry(properties),
                clock);
    }

    @Bean
    BuildEvents buildEvents(Clock clock) {
        return new BuildEvents(MetadataFactory.forProducer("build-service", clock));
    }

    @Bean
    GithubActionsBuilds githubActionsBuilds(
            Registries registries,
            BuildEvents events,
            EventPublisher publisher,
            BuildProperties properties,
            Clock clock) {
        var builds = new GithubActionsBuilds(
                new CiWaits<>(properties.githubActions().keepUnclaimedRuns()),
                new WaitFiles(properties.githubActions().stateDirectory()),
                new CiImageLookup(registries),
                events,
                event -> Publishing.andWait(publisher, event),
                properties.githubActions().timeout(),
                properties.githubActions().hosts(),
                clock);
        // Before any listener starts, so deliveries and redelivered phases meet the waits of the last run.
        builds.reload();
        return builds;
    }

    @Bean(StreamBindings.PHASE_STARTED)
    PhaseStartedListener phaseStartedListener(
            ImageBuildWorkflow workflow,
            EventPublisher publisher,
            BuildEvents events,
            GithubActionsBuilds githubActions,
            BuildProperties properties,
            JobSteps jobs,
            TagSteps tags) {
        return new PhaseStartedListener(
                workflow, publisher, events, githubActions, properties.progressStep(), jobs, tags);
    }

    @Bean
    TagSteps tagSteps(
            Registries registries,
            EventPublisher publisher,
            BuildEvents events,
            BuildProperties properties,
            Clock clock) {
        return new TagSteps(new TagPromotions(registries, retry(properties)), publisher, events, clock);
    }

    private static Retry retry(BuildProperties properties) {
        return new Retry(properties.retryAttempts(), properties.retryPause(), pause -> Thread.sleep(pause));
    }

    @Bean(StreamBindings.GITHUB_WEBHOOKS)
    GithubWebhookListener githubWebhookListener(GithubActionsBuilds githubActions, WorkflowRunSignals signals) {
        return new GithubWebhookListener(githubActions, signals);
    }

    /** Jobs run locally with buildah when it is installed; without it, a local job fails saying what to install. */
    @Bean
    JobRunner localJobRunner(BuildProperties properties, Registries registries) {
        BuildProperties.Buildah buildah = properties.buildah();
        return BuildahInstallation.find(buildah.executable())
                .<JobRunner>map(executable -> new BuildahJobRunner(
                        executable,
                        buildah.storageDirectory(),
                        properties.plainHttpRegistries(),
                        buildah.timeout(),
                        host -> baseImageCredentials(registries, host)))
                .orElseGet(() -> new NoLocalJobs(buildah.executable()));
    }

    @Bean
    JobLogFiles jobLogFiles(BuildProperties properties, Environment environment) {
        URI publicUrl = properties.jobs().publicUrl();
        return new JobLogFiles(
                properties.jobs().logDirectory(),
                () -> publicUrl != null
                        ? publicUrl.toString()
                        : "http://localhost:"
                                + environment.getProperty(
                                        "local.server.port", environment.getProperty("server.port", "8080")));
    }

    /** Every place a job can run here: local (above) and each other runner configured as a bean of its own. */
    @Bean
    JobWorkflow jobWorkflow(
            BuildProperties properties, List<JobRunner> runners, RegistrySecrets secrets, JobLogFiles logs) {
        return new JobWorkflow(
                new JGitSourceCheckouts(properties.workDirectory(), secrets),
                runners,
                logs,
                properties.jobs().maxLogBytes());
    }

    @Bean(destroyMethod = "close")
    StepHeartbeats stepHeartbeats(EventPublisher publisher, Clock clock) {
        return new StepHeartbeats(
                publisher, MetadataFactory.forProducer("build-service", clock), StepHeartbeats.DEFAULT_INTERVAL);
    }

    @Bean(destroyMethod = "close")
    JobSteps jobSteps(
            JobWorkflow workflow,
            EventPublisher publisher,
            BuildEvents events,
            StepHeartbeats heartbeats,
            BuildProperties properties) {
        return new JobSteps(
                workflow,
                publisher,
                events,
                heartbeats,
                properties::secretValue,
                properties.jobs().concurrency());
    }

    /** Pulling a base image from ECR needs a token too; the registry that serves the host knows how to get one. */
    private static Optional<RegistryCredentials> baseImageCredentials(Registries registries, String host) {
        ImageRegistry registry = registries.forHost(host);
        return registry.pullCredentials(host);
    }
}
