package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/** The runtime's Kafka wiring honours Spring Boot's spring.kafka.listener settings and reports Kafka's client metrics. */
class KafkaWiringTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    FerryKafkaAutoConfiguration.class, FerryStreamConfiguration.class, KafkaAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues(
                    "spring.kafka.bootstrap-servers=localhost:1",
                    "ferry.kafka.create-topics=false",
                    "ferry.kafka.schema-topic=none");

    @Test
    void springKafkaListenerSettingsReachTheListenerContainers() {
        service.withPropertyValues("spring.kafka.listener.ack-mode=record", "spring.kafka.listener.concurrency=3")
                .run(context -> {
                    var factory = context.getBean(ConcurrentKafkaListenerContainerFactory.class);
                    assertThat(factory.getContainerProperties().getAckMode())
                            .isEqualTo(ContainerProperties.AckMode.RECORD);
                    assertThat(factory.getContainerProperties().getConsumerRebalanceListener())
                            .as("the runtime's own settings are kept")
                            .isInstanceOf(GroupJoinWait.class);
                });
    }

    @Test
    void consumersAndProducersReportKafkasClientMetrics() {
        service.run(context -> {
            List<?> consumerListeners =
                    context.getBean(DefaultKafkaConsumerFactory.class).getListeners();
            List<?> producerListeners =
                    context.getBean(DefaultKafkaProducerFactory.class).getListeners();
            assertThat(consumerListeners).hasAtLeastOneElementOfType(MicrometerConsumerListener.class);
            assertThat(producerListeners).hasAtLeastOneElementOfType(MicrometerProducerListener.class);
        });
    }

    @Test
    void kafkaIsPartOfTheServicesHealth() {
        service.run(context -> assertThat(context).hasSingleBean(KafkaConnectionHealth.class));
    }

    @Test
    void aWorkersBindingStartsANewGroupAtTheNewestRecordUnlessTheServiceSaysOtherwise() {
        Map<String, Object> binderDefaults = new HashMap<>(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        service.run(context -> {
            context.getBean(ConsumerConfigCustomizer.class).configure(binderDefaults, "work-in-0", "phase.started");
            assertThat(binderDefaults)
                    .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                    .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                    .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        });
        Map<String, Object> notifiers = new HashMap<>(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        service.withPropertyValues("spring.kafka.consumer.auto-offset-reset=earliest")
                .run(context -> {
                    context.getBean(ConsumerConfigCustomizer.class)
                            .configure(notifiers, "notify-in-0", "phase.started");
                    assertThat(notifiers).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                });
    }
}
