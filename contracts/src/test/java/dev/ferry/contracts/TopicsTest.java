package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.StepFailed;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void eventsOfOneServiceOfOneMigrationShareAKeyAcrossTopics() {
        var records = SampleRecords.all();
        var split = (RepoSplit) records.get("repo.split");
        var pushed = (ImagePushed) records.get("image.pushed");

        assertThat(Topics.REPO_SPLIT.keyFor(split))
                .isEqualTo(Topics.IMAGE_PUSHED.keyFor(pushed))
                .isEqualTo(SampleRecords.MIGRATION + "/user-service");
    }

    @Test
    void servicesOfOneMigrationSpreadOverPartitions() {
        var split = (RepoSplit) SampleRecords.all().get("repo.split");
        var services = java.util.List.of(
                "api-gateway",
                "user-service",
                "training-service",
                "schedule-service",
                "progress-service",
                "notification-service",
                "frontend");

        var partitions = services.stream()
                .map(service -> RepoSplit.newBuilder(split).setService(service).build())
                .map(record -> partitionOf(Topics.REPO_SPLIT.keyFor(record), Topics.REPO_SPLIT.partitions()))
                .collect(Collectors.toSet());

        assertThat(partitions).hasSizeGreaterThan(3);
    }

    @Test
    void aFailureOfAWholePhaseIsKeyedByMigration() {
        var failed = StepFailed.newBuilder((StepFailed) SampleRecords.all().get("step.failed"))
                .setService(null)
                .build();

        assertThat(Topics.STEP_FAILED.keyFor(failed)).isEqualTo(SampleRecords.MIGRATION);
    }

    @Test
    void everyTopLevelContractHasExactlyOneTopic() {
        SampleRecords.all().values().forEach(record -> assertThat(
                        Topics.carrying(record.getClass()).valueType())
                .isEqualTo(record.getClass()));
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates();
        assertThat(Topics.named("repo.split")).contains(Topics.REPO_SPLIT);
        assertThat(Topics.REPO_SPLIT.deadLetterName()).isEqualTo("repo.split.dlq");
    }

    /** Kafka's default partitioner for a keyed record. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }
}
