package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** {@code kafka} in a service's health: up with the cluster it reached, down naming the servers it could not. */
class KafkaConnectionHealthIT {

    @Test
    void upWithTheClusterWhenTheBrokerAnswers() {
        String servers = KafkaTestBroker.shared().bootstrapServers();
        try (var health = new KafkaConnectionHealth(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers), Duration.ofSeconds(10))) {
            Health answer = health.health();

            assertThat(answer.getStatus()).isEqualTo(Status.UP);
            assertThat(answer.getDetails())
                    .containsEntry("bootstrapServers", servers)
                    .containsEntry("brokers", 1)
                    .containsKey("clusterId");
        }
    }

    @Test
    void downNamingTheServersWhenNoBrokerListens() throws IOException {
        String nobody = "127.0.0.1:" + freePort();
        try (var health = new KafkaConnectionHealth(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nobody), Duration.ofMillis(500))) {
            Health answer = health.health();

            assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
            assertThat(answer.getDetails())
                    .containsEntry("bootstrapServers", nobody)
                    .containsKey("error");
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
