package dev.ferry.planner.it;

import static dev.ferry.planner.it.PlannerFlowIT.isOf;
import static dev.ferry.planner.it.PlannerFlowIT.servicesStarted;
import static dev.ferry.planner.it.PlannerFlowIT.started;
import static dev.ferry.planner.it.PlannerFlowIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code wait} action end to end on the real broker and database: announced on {@code phase.started} with its
 * duration, shown with its end in the status API, still ending on time after the planner restarts in the middle,
 * and reported once on {@code step.succeeded} with its named output before the next phase starts.
 */
class WaitPhaseIT {

    private static final String PLAN = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: monitored
            spec:
              source:
                repository: /src/mono.git
              defaults:
                target:
                  repository: /targets/{service}.git
              registry:
                host: localhost:5000
                repository: shop
              services:
                - name: auth
                  path: services/auth
              phases:
                - name: split
                  action: split
                - name: monitor
                  action: wait
                  duration: 4s
                  dependsOn: [split]
                - name: build
                  action: build
                  dependsOn: [monitor]
            """;

    @TempDir
    Path data;

    @Test
    void aWaitEndsOnTimeAcrossAPlannerRestartAndIsReportedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String dataDirectory = "--ferry.planner.data-directory=" + data;
        try (var bus = new Bus("phase.started", "step.succeeded", "migration.finished")) {
            var workers = new Workers(bus, id, Set.of());
            Instant waitingUntil;
            try (var planner = ServiceBoot.start(PlannerApplication.class, dataDirectory)) {
                bus.start(id, "monitored", PLAN, Map.of("sourceCommit", "a".repeat(40)));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    bus.poll();
                    workers.answer();
                    return !started(bus, id, "monitor", PhaseAction.WAIT).isEmpty();
                });
                PhaseStarted announced =
                        started(bus, id, "monitor", PhaseAction.WAIT).getFirst();
                assertThat(announced.getSettings()).containsEntry("duration", "4s");

                JsonNode step =
                        status(planner, id).path("phases").get(1).path("steps").get(0);
                assertThat(step.path("state").asText()).isEqualTo("STARTED");
                waitingUntil = Instant.parse(step.path("waitingUntil").asText());
            }

            try (var restarted = ServiceBoot.start(PlannerApplication.class, dataDirectory)) {
                assertThat(workers.answerUntilFinished().getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
                assertThat(bus.seen(
                                MigrationFinished.class,
                                f -> isOf(f.getMetadata().getMigrationId(), id)))
                        .hasSize(1);
                assertThat(bus.seen(
                                StepSucceeded.class, s -> isOf(s.getMetadata().getMigrationId(), id)))
                        .singleElement()
                        .satisfies(done -> {
                            assertThat(done.getPhase()).isEqualTo("monitor");
                            assertThat(done.getAction()).isEqualTo(PhaseAction.WAIT);
                            assertThat(done.getOutputs()).containsEntry("waitedUntil", waitingUntil.toString());
                        });
                PhaseStarted build =
                        started(bus, id, "build", PhaseAction.BUILD).getFirst();
                assertThat(build.getMetadata().getOccurredAt())
                        .isAfterOrEqualTo(waitingUntil.truncatedTo(ChronoUnit.MILLIS));
                assertThat(build.getServices().getFirst().getPrior().getOutputs())
                        .containsEntry("waitedUntil", waitingUntil.toString())
                        .containsEntry(
                                "splitCommit",
                                build.getServices().getFirst().getPrior().getSplitCommit());
                assertThat(servicesStarted(bus, id, "monitor")).containsExactly("auth");
                assertThat(status(restarted, id).path("state").asText()).isEqualTo("SUCCEEDED");
            }
        }
    }
}
