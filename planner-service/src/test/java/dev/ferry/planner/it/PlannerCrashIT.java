package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.planner.app.CrashPoint;
import dev.ferry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Stops the planner in the middle of a run at the places where a crash could lose or repeat an event (after
 * consuming an event but before committing its change, after the commit but before the relay publishes, after the
 * relay published but before Debezium recorded it), starts it again on the same data, and checks that the run ends
 * with every event published exactly once.
 */
class PlannerCrashIT {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {CrashPoint.BEFORE_COMMIT, CrashPoint.BEFORE_RELAY, CrashPoint.AFTER_PUBLISH})
    void aRunInterruptedByACrashEndsWithEveryEventPublishedOnce(String where) {
        String plan = PlannerFlowIT.SHOP_PLAN.replace("      approval: required\n", "");
        String id = UUID.randomUUID().toString();
        try (var bus = new Bus("phase.started", "phase.completed", "migration.finished")) {
            var workers = new Workers(bus, id, Set.of());
            var crash = new CrashSwitch(where, 4);
            try (var planner = start(crash)) {
                assertThat(planner.isRunning()).isTrue();
                bus.start(id, "shop", plan, Map.of());
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    bus.poll();
                    workers.answer();
                    return crash.crashed();
                });
            }
            try (var planner = start(new CrashSwitch("nowhere", 1))) {
                assertThat(planner.isRunning()).isTrue();
                await().atMost(Duration.ofSeconds(90))
                        .failFast(() -> false)
                        .conditionEvaluationListener(condition -> {
                            if (condition.getRemainingTimeInMS() < 1000) {
                                System.out.println("crash-it seen: "
                                        + bus.records().stream()
                                                .map(r -> r.topic() + ":"
                                                        + r.value().getClass().getSimpleName() + ":"
                                                        + (r.value() instanceof PhaseStarted p ? p.getPhase() : ""))
                                                .toList());
                            }
                        })
                        .until(() -> {
                            bus.poll();
                            workers.answer();
                            return !finished(bus, id).isEmpty();
                        });
                // Anything published twice would arrive right behind the rest.
                for (int i = 0; i < 10; i++) {
                    bus.poll();
                }
            }

            assertThat(finished(bus, id)).singleElement().satisfies(f -> assertThat(f.getOutcome())
                    .isEqualTo(MigrationOutcome.SUCCEEDED));
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
            List<String> completed =
                    bus
                            .seen(
                                    PhaseCompleted.class,
                                    p -> p.getMetadata().getMigrationId().equals(id))
                            .stream()
                            .map(PhaseCompleted::getPhase)
                            .toList();
            assertThat(completed).containsExactlyInAnyOrder("split", "build", "deploy-dev", "deploy-prod", "cutover");
        }
    }

    private static List<MigrationFinished> finished(Bus bus, String id) {
        return bus.seen(
                MigrationFinished.class, f -> f.getMetadata().getMigrationId().equals(id));
    }

    private ConfigurableApplicationContext start(CrashSwitch crash) {
        return new SpringApplicationBuilder(PlannerApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("crashSwitch", crash))
                .run(
                        "--spring.kafka.bootstrap-servers="
                                + KafkaTestBroker.shared().bootstrapServers(),
                        "--server.port=0",
                        "--management.server.port=0",
                        "--ferry.planner.data-directory=" + data);
    }

    /**
     * Fails at the n-th time the point is reached, and from then on every time, the way a dead process does
     * nothing more, until the planner is stopped.
     */
    static final class CrashSwitch implements CrashPoint {
        private final String point;
        private final int at;
        private final AtomicInteger hits = new AtomicInteger();
        private final AtomicBoolean crashed = new AtomicBoolean();

        CrashSwitch(String point, int at) {
            this.point = point;
            this.at = at;
        }

        @Override
        public void reached(String where) {
            if (where.equals(point) && (crashed.get() || hits.incrementAndGet() >= at)) {
                crashed.set(true);
                throw new DataAccessResourceFailureException("simulated crash at " + where);
            }
        }

        boolean crashed() {
            return crashed.get();
        }
    }
}
