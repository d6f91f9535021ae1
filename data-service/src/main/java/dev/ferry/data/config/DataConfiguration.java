package dev.ferry.data.config;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.data.domain.Credentials;
import dev.ferry.data.dump.Dumps;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.s3.S3Offsite;
import dev.ferry.data.steps.Migrations;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StepHeartbeats;
import dev.ferry.runtime.StepSuccesses;
import dev.ferry.runtime.TracedExecutors;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one place data-service is wired: credentials, step records, the migrations and the clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataProperties.class)
class DataConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MetadataFactory metadataFactory(Clock clock) {
        return MetadataFactory.forProducer("data-service", clock);
    }

    @Bean
    StepSuccesses stepSuccesses(MetadataFactory metadata) {
        return new StepSuccesses(metadata);
    }

    @Bean(destroyMethod = "close")
    StepHeartbeats stepHeartbeats(EventPublisher publisher, MetadataFactory metadata) {
        return new StepHeartbeats(publisher, metadata, StepHeartbeats.DEFAULT_INTERVAL);
    }

    /** Steps mostly wait on databases; a virtual thread each costs next to nothing. Each runs in its request's trace. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService dataExecutor() {
        return TracedExecutors.inSubmittersContext(Executors.newVirtualThreadPerTaskExecutor());
    }

    @Bean
    Credentials credentials(DataProperties properties) {
        return ref -> Optional.ofNullable(properties.credentials().get(ref))
                .map(credential -> new Credentials.Login(credential.username(), credential.password()));
    }

    @Bean(destroyMethod = "close")
    Migrations migrations(Credentials credentials, DataProperties properties, Clock clock) {
        return new Migrations(
                new Connections(credentials),
                new StepRecords(properties.dataDir().resolve("steps")),
                clock);
    }

    @Bean
    Dumps dumps(Credentials credentials, DataProperties properties) {
        return new Dumps(properties.dataDir().resolve("backups"), credentials, new S3Offsite(credentials));
    }

    /** Streams that ran when data-service stopped start again from their stored offsets. */
    @Bean
    ApplicationRunner resumeStreams(Migrations migrations) {
        return arguments -> migrations.resumeAll();
    }
}
