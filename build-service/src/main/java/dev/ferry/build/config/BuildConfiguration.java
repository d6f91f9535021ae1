package dev.ferry.build.config;

import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.ecr.EcrClients;
import dev.ferry.build.ecr.EcrRegistry;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.kafka.PhaseStartedListener;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.runtime.EventPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires build-service: the build workflow over Jib, JGit and the registries, and the Kafka listener in front. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BuildProperties.class)
public class BuildConfiguration {

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

    @Bean
    OciRegistry ociRegistry(RegistrySecrets secrets, BuildProperties properties) {
        return new OciRegistry(secrets, properties.plainHttpRegistries());
    }

    @Bean(destroyMethod = "close")
    EcrClients ecrClients(BuildProperties properties) {
        return new EcrClients(properties.ecr().region(), properties.ecr().endpointOverride());
    }

    @Bean
    EcrRegistry ecrRegistry(EcrClients clients, BuildProperties properties) {
        return new EcrRegistry(clients, properties.ecr().registries());
    }

    @Bean
    ImageBuildWorkflow imageBuildWorkflow(
            BuildProperties properties, List<ImageRegistry> registries, OciRegistry oci, Clock clock) {
        // The plain OCI registry serves every host, so it must be asked last.
        List<ImageRegistry> ordered = new java.util.ArrayList<>(
                registries.stream().filter(r -> r != oci).toList());
        ordered.add(oci);
        var builder = new JibImageBuilder(
                properties.cacheDirectory(),
                properties.plainHttpRegistries(),
                host -> baseImageCredentials(ordered, host));
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(properties.workDirectory()),
                builder,
                ordered,
                properties.archiveDirectory(),
                new Retry(properties.retryAttempts(), properties.retryPause(), pause -> Thread.sleep(pause)),
                clock);
    }

    @Bean
    PhaseStartedListener phaseStartedListener(
            ImageBuildWorkflow workflow, EventPublisher publisher, BuildProperties properties, Clock clock) {
        return new PhaseStartedListener(
                workflow, publisher, MetadataFactory.forProducer("build-service", clock), properties.progressStep());
    }

    /** Pulling a base image from ECR needs a token too; the registry that serves the host knows how to get one. */
    private static Optional<RegistryCredentials> baseImageCredentials(List<ImageRegistry> registries, String host) {
        return registries.stream()
                .filter(registry -> registry.serves(host))
                .findFirst()
                .flatMap(registry -> registry.pullCredentials(host));
    }
}
