package dev.ferry.runtime;

import dev.ferry.runtime.steps.HandledStepLog;
import dev.ferry.runtime.steps.StepMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * The workers' Spring Cloud Stream bindings (functional {@code Consumer} beans on the Kafka binder) behave exactly as
 * the runtime's {@code @KafkaListener}s did: the same consumer settings and Avro decoding, the same dead-letter topics
 * and headers (the runtime's error handler, not the binder's retry and DLQ), the same admission of step attempts and
 * step clock, spans per record, Kafka's client metrics, and a start that waits for the group join.
 */
@AutoConfiguration(after = FerryKafkaAutoConfiguration.class)
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
public class FerryStreamConfiguration {

    @Bean
    ConsumerConfigCustomizer ferryBindingConsumerSettings(KafkaProperties kafka, FerryKafkaProperties ferry) {
        return (config, bindingName, destination) -> {
            // The binder puts its own default first (earliest for a group); the service's own setting, or Ferry's
            // default, decides instead.
            if (kafka.getConsumer().getAutoOffsetReset() == null) {
                config.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
            }
            ConsumerSettings.applyTo(config, ferry);
        };
    }

    /** Kafka's own client metrics of the bindings' consumers and producers, consumer lag among them. */
    @Bean
    ClientFactoryCustomizer ferryBindingClientMetrics(ObjectProvider<MeterRegistry> meters) {
        return new ClientFactoryCustomizer() {
            @Override
            public void configure(ProducerFactory<?, ?> factory) {
                if (factory instanceof DefaultKafkaProducerFactory<?, ?> producers) {
                    meters.ifAvailable(registry -> producers.addListener(new MicrometerProducerListener<>(registry)));
                }
            }

            @Override
            public void configure(ConsumerFactory<?, ?> factory) {
                if (factory instanceof DefaultKafkaConsumerFactory<?, ?> consumers) {
                    meters.ifAvailable(registry -> consumers.addListener(new MicrometerConsumerListener<>(registry)));
                }
            }
        };
    }

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer ferryBindingContainers(
            DefaultErrorHandler ferryErrorHandler,
            GroupJoinWait groupJoinWait,
            ObjectProvider<HandledStepLog> handledSteps,
            StepMeters stepMeters) {
        return new ListenerContainerWithDlqAndRetryCustomizer() {

            /** The runtime's error handler retries and dead-letters, with Ferry's headers; the binder does neither. */
            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void configure(
                    AbstractMessageListenerContainer<?, ?> container,
                    String destinationName,
                    String group,
                    BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                var ferryContainer = (AbstractMessageListenerContainer<String, SpecificRecord>) container;
                ferryContainer.setCommonErrorHandler(ferryErrorHandler);
                ferryContainer.setRecordInterceptor(
                        FerryKafkaAutoConfiguration.recordInterceptor(handledSteps.getIfAvailable(), stepMeters));
                ferryContainer.getContainerProperties().setObservationEnabled(true);
                groupJoinWait.expect(container);
            }
        };
    }
}
