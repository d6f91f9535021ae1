package dev.ferry.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class RepoApplicationIT {

    @Test
    void startsAgainstARealBrokerWithEveryTopicAndItsDeadLetterTopic() {
        try (var service = ServiceBoot.start(RepoApplication.class)) {
            assertThat(service.isRunning()).isTrue();
            assertThat(KafkaTestBroker.shared().topicNames())
                    .containsAll(Topics.all().stream().map(Topic::name).toList())
                    .containsAll(
                            Topics.all().stream().map(Topic::deadLetterName).toList());
        }
    }
}
