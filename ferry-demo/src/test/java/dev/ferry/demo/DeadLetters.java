package dev.ferry.demo;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records the dead-letter topics hold, summed: what a test compares before and after. */
final class DeadLetters {

    private DeadLetters() {}

    static long count(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            List<String> existing = List.copyOf(admin.listTopics().names().get());
            for (Topic<?> topic : Topics.all()) {
                if (!existing.contains(topic.deadLetterName())) {
                    continue;
                }
                for (int partition = 0; partition < topic.partitions(); partition++) {
                    ends.put(new TopicPartition(topic.deadLetterName(), partition), OffsetSpec.latest());
                }
            }
            long total = 0;
            for (var offset : admin.listOffsets(ends).all().get().values()) {
                total += offset.offset();
            }
            return total;
        }
    }
}
