package dev.ferry.notifier.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.notifier.domain.Action;
import dev.ferry.notifier.domain.EventRef;
import dev.ferry.notifier.domain.MessageRef;
import dev.ferry.notifier.domain.MessageTemplates;
import dev.ferry.notifier.domain.MigrationEvent;
import dev.ferry.notifier.domain.Notifier;
import dev.ferry.notifier.domain.Routing;
import dev.ferry.notifier.domain.RunState;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Run states survive a round trip through a real compacted topic; an unreadable one is named precisely. */
class KafkaRunStoreIT {

    private static final KafkaTestBroker broker = KafkaTestBroker.shared();

    private static String newTopic() {
        String topic = "notifier.state.it." + UUID.randomUUID();
        broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
        return topic;
    }

    private static KafkaRunStore store(String topic) {
        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaRunStore(
                topic, client, client, JsonMapper.builder().findAndAddModules().build());
    }

    @Test
    void theLatestStateOfEveryRunComesBackAsSaved() {
        String topic = newTopic();
        var notifier = new Notifier(Routing.to("#m"), MessageTemplates.defaults());
        var ref = new EventRef("e1", "m-1", Instant.parse("2026-11-22T05:00:00Z"));
        RunState first = notifier.accept(
                RunState.start("m-1"),
                new MigrationEvent.PhaseStarted(ref, "fitsync", "split", Action.SPLIT, null, 1, List.of("a")));
        RunState second = first.threadOpened(
                "#m", new MessageRef("C1", "1.5"), first.board().version());
        RunState other = RunState.start("m-2");

        try (var store = store(topic)) {
            store.save(first);
            store.save(second);
            store.save(other);
        }
        try (var reopened = store(topic)) {
            assertThat(reopened.loadAll()).containsExactlyInAnyOrder(second, other);
        }
    }

    @Test
    void anUnreadableStateStopsTheLoadNamingTheRunTopicAndOffset() throws Exception {
        String topic = newTopic();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "m-9", "{not json")).get();
        }

        try (var store = store(topic)) {
            assertThatThrownBy(store::loadAll)
                    .hasMessageStartingWith(
                            "the state of run m-9 in " + topic + " at partition 0 offset 0 is not" + " readable");
        }
    }
}
