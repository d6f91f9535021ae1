package dev.ferry.demo.embedded;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Apache Kafka broker in KRaft mode inside this JVM (Kafka's own test kit, started through spring-kafka-test),
 * listening on a free local port. The services and their clients talk to it over TCP like to any broker.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedBroker start() {
        var broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                // Ferry's services create their topics with the partitions the catalog names.
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                // One broker: the planner's transactions need their state log to fit on it.
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1"));
        broker.afterPropertiesSet();
        return new EmbeddedBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
