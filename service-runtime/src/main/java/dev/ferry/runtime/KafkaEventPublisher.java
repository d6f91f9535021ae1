package dev.ferry.runtime;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** {@link EventPublisher} on a Kafka template configured with Ferry's serde. */
final class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, SpecificRecord> template;

    KafkaEventPublisher(KafkaTemplate<String, SpecificRecord> template) {
        this.template = template;
    }

    @Override
    public CompletableFuture<Void> publish(SpecificRecord event) {
        Topic<?> topic = Topics.carrying(event.getClass());
        return template.send(topic.name(), topic.keyForRecord(event), event).thenApply(result -> null);
    }
}
