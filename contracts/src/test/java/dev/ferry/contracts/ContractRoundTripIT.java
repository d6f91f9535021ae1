package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.contracts.kafka.KafkaSchemaDirectory;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.testsupport.KafkaBrokerExtension;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every command and event crosses a real broker through the serde, configured the way Kafka clients load it. */
@ExtendWith(KafkaBrokerExtension.class)
class ContractRoundTripIT {

    @BeforeAll
    static void createTopics(KafkaTestBroker broker) {
        broker.createTopics(Topics.all().stream()
                .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1))
                .toList());
    }

    @Test
    void everyCommandAndEventIsReadBackWithAllFieldsEqual(KafkaTestBroker broker) throws Exception {
        var samples = SampleRecords.all();
        var sentOffsets = new ArrayList<String>();
        try (var producer = new KafkaProducer<String, SpecificRecord>(producerConfig(broker))) {
            for (SpecificRecord record : samples.values()) {
                Topic<?> topic = Topics.carrying(record.getClass());
                var sent = producer.send(new ProducerRecord<>(topic.name(), topic.keyForRecord(record), record))
                        .get();
                sentOffsets.add(sent.topic() + "-" + sent.partition() + "@" + sent.offset());
            }
        }

        List<ConsumerRecord<String, SpecificRecord>> received = consumeAll(broker, samples.size());

        assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(samples.values());
        assertThat(received).allSatisfy(r -> assertThat(r.key())
                .isEqualTo(Topics.carrying(r.value().getClass()).keyForRecord(r.value())));
        assertThat(received)
                .extracting(r -> r.topic() + "-" + r.partition() + "@" + r.offset())
                .containsExactlyInAnyOrderElementsOf(sentOffsets);
    }

    @Test
    void aConsumerOnV1ResolvesAV2RecordThroughTheSchemaTopic(KafkaTestBroker broker) throws Exception {
        // A producer already on RepoSplit v2 publishes its schema to the shared topic and writes a record.
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-optional-field.avsc");
        RepoSplit original = (RepoSplit) SampleRecords.all().get("repo.split");
        byte[] v1Bytes = new EventCodec(SchemaCatalog.builtIn()).encode(original);
        GenericRecord v2Record = new BinaryMessageDecoder<GenericRecord>(
                        GenericData.get(), v2, fp -> SchemaCatalog.builtIn().findByFingerprint(fp))
                .decode(v1Bytes);
        v2Record.put("targetDefaultBranch", "trunk");
        String schemaTopic = "ferry.schemas.it-" + UUID.randomUUID();
        try (var v2Directory = new KafkaSchemaDirectory(broker.bootstrapServers(), schemaTopic)) {
            v2Directory.publish(SchemaCatalog.fingerprint(v2), v2);
        }
        byte[] v2Bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2)
                .encode(v2Record)
                .array();

        // This build (v1) has never seen v2: it finds it in the schema topic.
        try (var v1Directory = new KafkaSchemaDirectory(broker.bootstrapServers(), schemaTopic)) {
            var v1Deserializer = new AvroEventDeserializer(new EventCodec(SchemaCatalog.sharedThrough(v1Directory)));
            assertThat(v1Deserializer.deserialize(Topics.REPO_SPLIT.name(), v2Bytes))
                    .isEqualTo(original);
        }
    }

    private static Map<String, Object> producerConfig(KafkaTestBroker broker) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                AvroEventSerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all");
    }

    private static List<ConsumerRecord<String, SpecificRecord>> consumeAll(KafkaTestBroker broker, int expected) {
        var received = new ArrayList<ConsumerRecord<String, SpecificRecord>>();
        try (var consumer = new KafkaConsumer<String, SpecificRecord>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                AvroEventDeserializer.class))) {
            consumer.subscribe(Topics.all().stream().map(Topic::name).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= expected;
            });
        }
        return received;
    }
}
