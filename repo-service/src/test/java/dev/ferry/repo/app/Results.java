package dev.ferry.repo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What repo-service published for one migration, read from the test broker as the planner would. */
final class Results {

    private Results() {}

    /** The records of {@code migration} on {@code topics}, from the start, waiting until there are {@code count}. */
    static List<SpecificRecord> await(String migration, int count, Topic<?>... topics) {
        var found = new ArrayList<SpecificRecord>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "repo-it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new AvroEventDeserializer(new EventCodec(SchemaCatalog.builtIn())))) {
            consumer.subscribe(List.of(topics).stream().map(Topic::name).toList());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().startsWith(migration + "/")) {
                        found.add(record.value());
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }

    /** The results, each a step.succeeded (failing the test otherwise). */
    static List<StepSucceeded> succeeded(List<SpecificRecord> results) {
        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(StepSucceeded.class));
        return results.stream().map(StepSucceeded.class::cast).toList();
    }

    /** The outputs of the service's last step.succeeded among {@code results}. */
    static Map<String, String> outputs(List<StepSucceeded> results, String service) {
        return results.stream()
                .filter(result -> result.getService().equals(service))
                .reduce((a, b) -> b)
                .orElseThrow()
                .getOutputs();
    }
}
