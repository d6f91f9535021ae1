package dev.ferry.planner.config;

import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.plan.CredentialHosts;
import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.app.PlanDocuments;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.app.RunObserver;
import dev.ferry.planner.app.WebhookDeliveries;
import dev.ferry.planner.github.WebhookInbox;
import dev.ferry.planner.kafka.AvroEffectEncoder;
import dev.ferry.planner.kafka.DroppedResultLog;
import dev.ferry.planner.kafka.PlannerListener;
import dev.ferry.planner.kafka.RecordSpans;
import dev.ferry.planner.outbox.OutboxRelay;
import dev.ferry.planner.persistence.JdbcRunStore;
import dev.ferry.planner.persistence.PlannerDatabase;
import dev.ferry.planner.security.CommandIssuers;
import dev.ferry.planner.security.CommandTokens;
import dev.ferry.planner.yaml.YamlPlanDocuments;
import dev.ferry.runtime.FerryKafkaProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the planner: PostgreSQL and its outbox relay, the run coordinator, and the Kafka edge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlannerProperties.class)
class PlannerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PlannerConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    PlannerDatabase plannerDatabase(PlannerProperties properties) {
        var database = properties.database();
        PlannerDatabase db = database.url().isBlank()
                ? PlannerDatabase.embedded(properties.dataDirectory().resolve("postgres"))
                : PlannerDatabase.external(database.url(), database.username(), database.password());
        db.applySchema();
        return db;
    }

    @Bean
    DataSource plannerDataSource(PlannerDatabase database) {
        return database.dataSource();
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(
            PlannerDatabase database,
            PlannerProperties properties,
            KafkaProperties kafka,
            FerryKafkaProperties ferry,
            ObjectProvider<CrashPoint> crash,
            RecordSpans recordSpans) {
        Map<String, Object> client = new LinkedHashMap<>(kafka.buildProducerProperties());
        client.keySet().removeIf(key -> key.endsWith("serializer"));
        var settings = new OutboxRelay.Settings(
                properties.outbox().name(),
                database.outboxIdentity(),
                database.connection(),
                properties.dataDirectory().resolve("outbox-offsets.dat"),
                client,
                (short) ferry.replicationFactor(),
                properties.outbox().pollInterval());
        var relay = new OutboxRelay(settings, crash.getIfAvailable(() -> CrashPoint.NONE), recordSpans);
        relay.start(properties.outbox().startTimeout());
        return relay;
    }

    @Bean
    OutboxRelayHealth outboxRelayHealthIndicator(OutboxRelay relay, MeterRegistry registry) {
        // For alerts: 0 while the relay restarts; the sum of streaming over the planners is the number publishing.
        Gauge.builder("ferry.outbox.relay.up", relay, r -> r.status().state() == OutboxRelay.State.RESTARTING ? 0 : 1)
                .description("1 unless the outbox relay stopped on a failure and is restarting")
                .register(registry);
        Gauge.builder(
                        "ferry.outbox.relay.streaming",
                        relay,
                        r -> r.status().state() == OutboxRelay.State.STREAMING ? 1 : 0)
                .description("1 while this planner's relay holds the slot and publishes, 0 as standby or down")
                .register(registry);
        return new OutboxRelayHealth(relay);
    }

    @Bean
    JdbcRunStore runStore(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Clock clock,
            ObjectProvider<CrashPoint> crash) {
        return new JdbcRunStore(
                new JdbcTemplate(dataSource),
                new TransactionTemplate(transactions),
                clock,
                crash.getIfAvailable(() -> CrashPoint.NONE));
    }

    @Bean
    AvroEffectEncoder effectEncoder(ProducerFactory<String, SpecificRecord> producers, Clock clock) {
        // The same serializer settings as the service's producers: schemas are shared through the same schema topic.
        var serializer = new AvroEventSerializer();
        serializer.configure(new LinkedHashMap<>(producers.getConfigurationProperties()), false);
        return new AvroEffectEncoder(serializer, clock);
    }

    @Bean
    DroppedResultLog droppedResultLog() {
        return new DroppedResultLog();
    }

    /** How start commands' plans are read, and plans people check before applying them (the dashboard's). */
    @Bean
    PlanDocuments planDocuments(PlannerProperties properties) {
        return new YamlPlanDocuments(new CredentialHosts(properties.security().credentialHosts()));
    }

    @Bean
    RunCoordinator runCoordinator(
            JdbcRunStore store,
            PlanDocuments plans,
            AvroEffectEncoder encoder,
            List<RunObserver> observers,
            Clock clock,
            OutboxRelay relay) {
        RunObserver all = (id, view, transition) -> observers.forEach(o -> o.changed(id, view, transition));
        var coordinator = new RunCoordinator(store, plans, encoder, all, clock);
        coordinator.recover();
        return coordinator;
    }

    @Bean
    WebhookInbox webhookInbox(JdbcRunStore store, AvroEffectEncoder encoder, RunCoordinator coordinator) {
        return new WebhookDeliveries(store, encoder, coordinator);
    }

    @Bean
    RetryTimer retryTimer(RunCoordinator coordinator, PlannerProperties properties) {
        return new RetryTimer(coordinator, properties.retryTimer(), properties.catchUp());
    }

    @Bean
    Pruning pruning(JdbcRunStore store, OutboxRelay relay, Clock clock, PlannerProperties properties) {
        return new Pruning(store, relay, clock, properties.retention());
    }

    /** The planner's spans of the records it relays and reads; none when tracing is off. */
    @Bean
    RecordSpans recordSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer found = tracer.getIfUnique();
        Propagator propagates = propagator.getIfUnique();
        return found == null || propagates == null ? RecordSpans.none() : new RecordSpans(found, propagates);
    }

    @Bean
    LiveOutput liveOutput() {
        return new LiveOutput();
    }

    @Bean
    PlannerListener plannerListener(
            RunCoordinator coordinator,
            LiveOutput liveOutput,
            CommandIssuers issuers,
            MeterRegistry registry,
            RecordSpans recordSpans) {
        return new PlannerListener(coordinator, liveOutput, issuers, registry, recordSpans);
    }

    /**
     * Commands verified against the identity provider's JWKS when one is configured; otherwise trusted as declared,
     * which the log says at start so nobody runs that way by accident.
     */
    @Bean
    CommandIssuers commandIssuers(PlannerProperties properties) {
        PlannerProperties.Security security = properties.security();
        if (!security.verifiesTokens()) {
            log.warn("ferry.planner.security.jwk-set-uri is not set: commands are trusted as declared, so anyone who"
                    + " can write to migration.commands may approve, roll back or abort any run");
            return CommandIssuers.trustedAsDeclared();
        }
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri()).build();
        decoder.setJwtValidator(
                security.issuer().isBlank()
                        ? JwtValidators.createDefault()
                        : JwtValidators.createDefaultWithIssuer(security.issuer()));
        return CommandIssuers.verifiedBy(new CommandTokens(
                decoder, security.nameClaim(), security.rolesClaim(), security.groupsClaim(), security.groupRoles()));
    }

    /**
     * A store that cannot be reached must not send events to the dead-letter topic: the planner waits and tries
     * again, however long the database is away. Other failures keep the shared policy.
     */
    @Bean
    Object storeOutagesAreRetried(DefaultErrorHandler ferryErrorHandler) {
        var patient = new ExponentialBackOff(200, 2);
        patient.setMaxInterval(10_000);
        ferryErrorHandler.setBackOffFunction((record, failure) -> causedByStore(failure) ? patient : null);
        return patient;
    }

    private static boolean causedByStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
