package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.KafkaTestBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service on the runtime provisions every catalog topic and its dead-letter topic with the catalog's partitions. */
@SpringBootTest(classes = TopicProvisioningIT.EmptyService.class)
class TopicProvisioningIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker.shared()::bootstrapServers);
    }

    @Test
    void createsEveryTopicAndItsDeadLetterTopicWithTheCatalogsPartitionCount() throws Exception {
        var expected = new java.util.HashMap<String, Integer>();
        for (Topic<?> topic : Topics.all()) {
            expected.put(topic.name(), topic.partitions());
            expected.put(topic.deadLetterName(), topic.partitions());
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers()))) {
            Map<String, TopicDescription> described = admin.describeTopics(List.copyOf(expected.keySet()))
                    .allTopicNames()
                    .get();
            expected.forEach((name, partitions) ->
                    assertThat(described.get(name).partitions()).as(name).hasSize(partitions));
        }
    }

    @SpringBootApplication
    static class EmptyService {}
}
