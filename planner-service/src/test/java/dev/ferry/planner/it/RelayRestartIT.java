package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.planner.app.CrashPoint;
import dev.ferry.planner.outbox.OutboxRelay;
import dev.ferry.testsupport.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The outbox relay stopped by a failure while publishing (the producer failing in a way no retry mends) shows DOWN in
 * the planner's health, starts again by itself, and the run ends with every event published once.
 */
class RelayRestartIT {

    @TempDir
    Path data;

    @Test
    void aRelayThatStoppedOnAFailureIsDownUntilItRestartsByItselfAndTheRunEndsWithEachEventOnce() throws Exception {
        String plan = PlannerFlowIT.SHOP_PLAN.replace("      approval: required\n", "");
        String id = UUID.randomUUID().toString();
        var failOnce = new FailOnce(CrashPoint.BEFORE_RELAY, 3);
        try (var bus = new Bus("phase.started", "phase.completed", "migration.finished");
                ConfigurableApplicationContext planner = new SpringApplicationBuilder(PlannerApplication.class)
                        .initializers(context -> context.getBeanFactory().registerSingleton("failOnce", failOnce))
                        .run(
                                "--spring.kafka.bootstrap-servers="
                                        + KafkaTestBroker.shared().bootstrapServers(),
                                "--server.port=0",
                                "--management.server.port=0",
                                "--ferry.planner.data-directory=" + data)) {
            OutboxRelay relay = planner.getBean(OutboxRelay.class);
            var health = new CopyOnWriteArrayList<String>();
            var workers = new Workers(bus, id, Set.of());
            bus.start(id, "shop", plan, Map.of("sourceCommit", "a".repeat(40)));

            MigrationFinished finished;
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                bus.poll();
                workers.answer();
                String now = relayHealth(planner);
                if (health.isEmpty() || !health.getLast().equals(now)) {
                    health.add(now);
                }
                return !bus.seen(
                                MigrationFinished.class,
                                f -> f.getMetadata().getMigrationId().equals(id))
                        .isEmpty();
            });
            for (int i = 0; i < 10; i++) {
                bus.poll();
            }
            finished = bus.seen(
                            MigrationFinished.class,
                            f -> f.getMetadata().getMigrationId().equals(id))
                    .getFirst();

            assertThat(failOnce.failed()).isTrue();
            assertThat(health).as("the relay's health over the run").containsSubsequence("DOWN", "UP");
            assertThat(relay.status().restarts()).isEqualTo(1);
            assertThat(relay.status().state()).isEqualTo(OutboxRelay.State.STREAMING);
            assertThat(PlannerFlowIT.metric(planner, "ferry_outbox_relay_up")).isEqualTo(1.0);
            assertThat(PlannerFlowIT.metric(planner, "ferry_outbox_relay_streaming"))
                    .isEqualTo(1.0);
            assertThat(finished.getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            Map<String, Long> starts =
                    bus
                            .seen(
                                    PhaseStarted.class,
                                    p -> p.getMetadata().getMigrationId().equals(id))
                            .stream()
                            .flatMap(p -> p.getServices().stream().map(s -> p.getPhase() + "/" + s.getService()))
                            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(starts).hasSize(15).allSatisfy((step, count) -> assertThat(count)
                    .as(step + " started")
                    .isEqualTo(1));
        }
    }

    private static String relayHealth(ConfigurableApplicationContext planner) throws Exception {
        String port = planner.getBean(Environment.class).getProperty("local.management.port");
        if (port == null) {
            port = planner.getBean(Environment.class).getProperty("local.server.port");
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        return body.path("components")
                .path("outboxRelay")
                .path("status")
                .asText(body.path("status").asText());
    }

    /** Fails the n-th time the point is reached, once: a failure the relay must get over by itself. */
    static final class FailOnce implements CrashPoint {
        private final String point;
        private final int at;
        private final AtomicInteger hits = new AtomicInteger();

        FailOnce(String point, int at) {
            this.point = point;
            this.at = at;
        }

        @Override
        public void reached(String where) {
            if (where.equals(point) && hits.incrementAndGet() == at) {
                throw new IllegalArgumentException("simulated failure at " + where);
            }
        }

        boolean failed() {
            return hits.get() >= at;
        }
    }
}
