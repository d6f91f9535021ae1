package dev.ferry.notifier;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes events to the test broker as the other services would, independently of any notifier that runs. */
final class KafkaEvents implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaProducer<byte[], byte[]> raw;

    KafkaEvents() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers());
        var serializer = new AvroEventSerializer();
        serializer.configure(config, false);
        producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        raw = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void publish(SpecificRecord event) {
        Topic<?> topic = Topics.carrying(event.getClass());
        await(producer.send(new ProducerRecord<>(topic.name(), topic.keyForRecord(event), event)));
    }

    void publishGarbage(Topic<?> topic, String key) {
        await(raw.send(new ProducerRecord<>(
                topic.name(), key.getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8))));
    }

    private static void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        raw.close();
    }
}
