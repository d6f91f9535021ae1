package dev.ferry.runtime;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.runtime.steps.AnsweringPublisher;
import dev.ferry.runtime.steps.HandledStepLog;
import dev.ferry.runtime.steps.MeteredPublisher;
import dev.ferry.runtime.steps.RequestAdmission;
import dev.ferry.runtime.steps.StepMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka wiring every Ferry service gets by depending on this module: the catalog's topics and their dead-letter
 * topics, producers and consumers speaking Ferry's wire format, and a listener factory that sends any record it cannot
 * decode, or whose handler keeps failing, to {@code <topic>.dlq} instead of stopping or looping.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(FerryKafkaProperties.class)
public class FerryKafkaAutoConfiguration {

    /** Client property read by Ferry's serde for the shared schema topic. */
    static final String SCHEMA_TOPIC_CLIENT_CONFIG = "ferry.schema.topic";

    private static final int HANDLED_STEPS_PARTITIONS = 6;

    @Bean
    @ConditionalOnProperty(name = "ferry.kafka.create-topics", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics ferryTopics(FerryKafkaProperties ferry) {
        var topics = new ArrayList<NewTopic>();
        for (Topic<?> topic : Topics.all()) {
            // Same partition count for the dead letters, so a record keeps its partition number there.
            topics.add(new NewTopic(topic.name(), topic.partitions(), ferry.replicationFactor()));
            topics.add(new NewTopic(topic.deadLetterName(), topic.partitions(), ferry.replicationFactor()));
        }
        if (ferry.recordsHandledSteps()) {
            // Compacted for the newest marks of each step, deleted past the retention so finished runs age out.
            topics.add(new NewTopic(ferry.handledStepsTopic(), HANDLED_STEPS_PARTITIONS, ferry.replicationFactor())
                    .configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                            TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(ferry.handledStepsRetention().toMillis()))));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    ProducerFactory<String, SpecificRecord> ferryProducerFactory(
            KafkaProperties kafka, FerryKafkaProperties ferry, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroEventSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(SCHEMA_TOPIC_CLIENT_CONFIG, ferry.schemaTopic());
        var factory = new DefaultKafkaProducerFactory<String, SpecificRecord>(config);
        // Kafka's own client metrics (send rates, errors, latency) on /actuator/prometheus.
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> ferryKafkaTemplate(ProducerFactory<String, SpecificRecord> factory) {
        var template = new KafkaTemplate<>(factory);
        // A span per record sent, its W3C traceparent in the record's headers: the receiver's span continues it.
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    EventPublisher eventPublisher(
            KafkaTemplate<String, SpecificRecord> ferryKafkaTemplate,
            ObjectProvider<HandledStepLog> handledSteps,
            ObjectProvider<StepMeters> stepMeters) {
        EventPublisher kafka = new KafkaEventPublisher(ferryKafkaTemplate);
        HandledStepLog log = handledSteps.getIfAvailable();
        // A worker (a service that runs steps) answers them, and its steps are timed.
        return log == null ? kafka : new MeteredPublisher(new AnsweringPublisher(kafka, log), stepMeters.getObject());
    }

    /** A worker's steps timed from request to answer; recorded nowhere in a service without meters. */
    @Bean
    StepMeters stepMeters(ObjectProvider<MeterRegistry> registry) {
        return new StepMeters(registry.getIfAvailable(CompositeMeterRegistry::new), System::nanoTime);
    }

    /** The step attempts this worker took on and answered; none for a service without a consumer group. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ferry.kafka.handled-steps-topic:ferry.handled-steps}' != 'none'"
            + " and '${spring.kafka.consumer.group-id:}' != ''")
    HandledStepLog handledStepLog(KafkaProperties kafka, FerryKafkaProperties ferry) {
        return new HandledStepLog(
                ferry.handledStepsTopic(),
                kafka.getConsumer().getGroupId(),
                kafka.buildProducerProperties(),
                kafka.buildConsumerProperties());
    }

    /** {@code kafka} in /actuator/health. */
    @Bean(destroyMethod = "close")
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaConnectionHealth kafkaHealthIndicator(KafkaAdmin admin, FerryKafkaProperties ferry) {
        return new KafkaConnectionHealth(admin.getConfigurationProperties(), ferry.healthTimeout());
    }

    @Bean
    GroupJoinWait groupJoinWait(ObjectProvider<KafkaListenerEndpointRegistry> registry, FerryKafkaProperties ferry) {
        return new GroupJoinWait(registry, ferry.joinTimeout());
    }

    @Bean
    ConsumerFactory<String, SpecificRecord> ferryConsumerFactory(
            KafkaProperties kafka, FerryKafkaProperties ferry, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config =
                ConsumerSettings.applyTo(new LinkedHashMap<>(kafka.buildConsumerProperties()), ferry);
        var factory = new DefaultKafkaConsumerFactory<String, SpecificRecord>(config);
        // Kafka's own client metrics, consumer lag (records-lag-max) among them, on /actuator/prometheus.
        meters.ifAvailable(registry -> factory.addListener(new MicrometerConsumerListener<>(registry)));
        return factory;
    }

    @Bean
    DefaultErrorHandler ferryErrorHandler(
            KafkaProperties kafka,
            KafkaTemplate<String, SpecificRecord> ferryKafkaTemplate,
            FerryKafkaProperties ferry) {
        Map<String, Object> bytesConfig = new LinkedHashMap<>(kafka.buildProducerProperties());
        bytesConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        bytesConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        var rawTemplate = new KafkaTemplate<>(new DefaultKafkaProducerFactory<Object, Object>(bytesConfig));
        // Undecodable records are re-published as the exact bytes that arrived; handled records as Avro again.
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate);
        templates.put(SpecificRecord.class, ferryKafkaTemplate);
        var recoverer = new DeadLetterPublishingRecoverer(
                templates,
                (record, failure) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        recoverer.setHeadersFunction(DeadLetterHeaders::describe);
        var handler = new DefaultErrorHandler(
                recoverer, new FixedBackOff(ferry.handlerBackoff().toMillis(), ferry.handlerAttempts() - 1L));
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        handler.setRetryListeners(new DeadLetterLog());
        return handler;
    }

    /**
     * What runs before a handler sees a record: its run, step and event in the logging context, and for a worker the
     * admission of step attempts, then the step's clock (after admission: a superseded attempt is never timed).
     */
    static RecordInterceptor<String, SpecificRecord> recordInterceptor(HandledStepLog log, StepMeters meters) {
        return log == null
                ? new MetadataLoggingInterceptor()
                : new CompositeRecordInterceptor<>(
                        new MetadataLoggingInterceptor(), new RequestAdmission(log), meters.onRequests());
    }

    /** Boot's configurer is typed for {@code <Object, Object>}; the factory is used with Ferry's types only. */
    @SuppressWarnings("unchecked")
    private static <T> T castForBoot(Object factory) {
        return (T) factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> kafkaListenerContainerFactory(
            ConsumerFactory<String, SpecificRecord> ferryConsumerFactory,
            DefaultErrorHandler ferryErrorHandler,
            GroupJoinWait groupJoinWait,
            ObjectProvider<HandledStepLog> handledSteps,
            ObjectProvider<StepMeters> stepMeters,
            ObjectProvider<ConcurrentKafkaListenerContainerFactoryConfigurer> configurer) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, SpecificRecord>();
        // Spring Boot's configurer first, so spring.kafka.listener.* (concurrency, ack mode, idle events...) apply;
        // then what Ferry's wire format and error handling need, which nothing may override.
        configurer.ifAvailable(boot -> boot.configure(castForBoot(factory), castForBoot(ferryConsumerFactory)));
        factory.setConsumerFactory(ferryConsumerFactory);
        factory.setCommonErrorHandler(ferryErrorHandler);
        factory.getContainerProperties().setConsumerRebalanceListener(groupJoinWait);
        // A span per record handled, continuing the trace its sender put in the headers (record listeners only: the
        // planner's batch listener opens its own per record).
        factory.getContainerProperties().setObservationEnabled(true);
        factory.setRecordInterceptor(recordInterceptor(handledSteps.getIfAvailable(), stepMeters.getObject()));
        return factory;
    }
}
