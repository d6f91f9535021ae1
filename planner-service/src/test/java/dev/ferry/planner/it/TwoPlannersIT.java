package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.planner.outbox.OutboxRelay;
import dev.ferry.testsupport.KafkaTestBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two planners on one PostgreSQL and one consumer group share a run's events; one relays the outbox while the other
 * waits as standby. When the relaying planner stops mid-run, the other takes the relay over and the run ends, every
 * step started once and every phase completed once.
 */
class TwoPlannersIT {

    @TempDir
    Path data;

    @Test
    void whenThePlannerThatRelaysStopsMidRunTheOtherTakesOverAndTheRunEndsWithEachEventOnce() throws Exception {
        String plan = PlannerFlowIT.SHOP_PLAN.replace("      approval: required\n", "");
        String id = UUID.randomUUID().toString();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(data.resolve("postgres"))
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_wal_senders", "4")
                        .setServerConfig("max_replication_slots", "4")
                        .start();
                var bus = new Bus("phase.started", "phase.completed", "migration.finished")) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext first = start(url, "first");
            try (ConfigurableApplicationContext second = start(url, "second")) {
                assertThat(relay(first).status().state()).isEqualTo(OutboxRelay.State.STREAMING);
                assertThat(relay(second).status().state()).isEqualTo(OutboxRelay.State.STANDBY);

                // Both planners take the run's events (results are keyed by service, spread over partitions); the
                // answers of deploy-prod wait until the first planner is gone, so the second one ends the run.
                var workers = new Workers(bus, id, Set.of("build/cart"))
                        .holding(started -> started.getPhase().equals("deploy-prod"));
                bus.start(id, "shop", plan, Map.of("sourceCommit", "a".repeat(40)));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    bus.poll();
                    workers.answer();
                    return bus
                            .seen(
                                    PhaseStarted.class,
                                    p -> isOf(p, id) && p.getPhase().equals("deploy-prod"))
                            .stream()
                            .anyMatch(p -> p.getAction().name().equals("DEPLOY"));
                });

                long stopped = System.nanoTime();
                first.close();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> relay(second).status().state() == OutboxRelay.State.STREAMING);
                long tookOverMillis = (System.nanoTime() - stopped) / 1_000_000;
                System.out.println("two-planners: the second planner's relay streamed " + tookOverMillis
                        + " ms after the first planner stopped");

                workers.holding(started -> false);
                MigrationFinished finished = workers.answerUntilFinished();
                for (int i = 0; i < 10; i++) {
                    bus.poll();
                }

                assertThat(finished.getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
                assertThat(bus.seen(
                                MigrationFinished.class,
                                f -> f.getMetadata().getMigrationId().equals(id)))
                        .hasSize(1);
                Map<String, Long> starts = bus.seen(PhaseStarted.class, p -> isOf(p, id)).stream()
                        .filter(p -> !p.getAction().name().equals("GATE"))
                        .flatMap(p -> p.getServices().stream()
                                .map(s -> p.getPhase() + "/" + s.getService() + "#" + p.getAttempt()))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(starts)
                        .as("each attempt of each step started once")
                        .allSatisfy((step, count) -> assertThat(count).as(step).isEqualTo(1))
                        .containsKeys("build/cart#1", "build/cart#2", "deploy-prod/web#1", "cutover/orders#1");
                List<String> completed =
                        bus
                                .seen(
                                        PhaseCompleted.class,
                                        p -> p.getMetadata().getMigrationId().equals(id))
                                .stream()
                                .map(PhaseCompleted::getPhase)
                                .toList();
                assertThat(completed)
                        .containsExactlyInAnyOrder("split", "build", "deploy-dev", "deploy-prod", "cutover");
            } finally {
                first.close();
            }
        }
    }

    private static boolean isOf(PhaseStarted started, String id) {
        return started.getMetadata().getMigrationId().equals(id);
    }

    private static OutboxRelay relay(ConfigurableApplicationContext planner) {
        return planner.getBean(OutboxRelay.class);
    }

    private ConfigurableApplicationContext start(String url, String name) {
        return new SpringApplicationBuilder(PlannerApplication.class)
                .run(
                        "--spring.kafka.bootstrap-servers="
                                + KafkaTestBroker.shared().bootstrapServers(),
                        "--spring.kafka.client-id=planner-" + name,
                        "--server.port=0",
                        "--management.server.port=0",
                        "--ferry.planner.database.url=" + url,
                        "--ferry.planner.data-directory=" + data.resolve(name));
    }
}
