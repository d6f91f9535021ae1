package dev.ferry.planner.it;

import static dev.ferry.planner.it.PlannerFlowIT.isOf;
import static dev.ferry.planner.it.PlannerFlowIT.started;
import static dev.ferry.planner.it.PlannerFlowIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No run hangs, on the real broker and database: a split whose request is lost fails as TIMEOUT at its deadline and
 * its retry succeeds; a build that takes twice its timeout but keeps sending {@code step.progress} is not cut off.
 */
class StepDeadlinesIT {

    private static final String PLAN = """
            apiVersion: ferry.dev/v1
            kind: MigrationPlan
            metadata:
              name: deadlines
            spec:
              source:
                repository: /src/mono.git
              defaults:
                target:
                  repository: /targets/{service}.git
                retry:
                  attempts: 2
                  backoff: 100ms
              registry:
                host: localhost:5000
                repository: shop
              services:
                - name: auth
                  path: services/auth
              phases:
                - name: split
                  action: split
                  timeout: 3s
                - name: build
                  action: build
                  dependsOn: [split]
                  timeout: 3s
            """;

    @TempDir
    Path data;

    @Test
    void aLostRequestTimesOutAndIsRetriedWhileAStepThatBeatsRunsOn() throws Exception {
        String id = UUID.randomUUID().toString();
        try (var planner = ServiceBoot.start(PlannerApplication.class, "--ferry.planner.data-directory=" + data);
                var bus = new Bus("phase.started", "step.failed", "migration.finished")) {
            Instant[] buildSeen = new Instant[1];
            var workers = new Workers(bus, id, Set.of()).holding(started -> lostOrSlow(started, buildSeen));
            bus.start(id, "deadlines", PLAN, Map.of("sourceCommit", "a".repeat(40)));

            await().atMost(Duration.ofSeconds(90)).until(() -> {
                bus.poll();
                workers.answer();
                beatWhileBuilding(bus, id, buildSeen);
                return !bus.seen(
                                MigrationFinished.class,
                                f -> isOf(f.getMetadata().getMigrationId(), id))
                        .isEmpty();
            });

            assertThat(bus.seen(
                            MigrationFinished.class, f -> isOf(f.getMetadata().getMigrationId(), id)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED));
            assertThat(bus.seen(StepFailed.class, f -> isOf(f.getMetadata().getMigrationId(), id)))
                    .singleElement()
                    .satisfies(timeout -> {
                        assertThat(timeout.getPhase()).isEqualTo("split");
                        assertThat(timeout.getAttempt()).isEqualTo(1);
                        assertThat(timeout.getErrorKind()).isEqualTo(ErrorKind.TIMEOUT);
                        assertThat(timeout.getRetryable()).isTrue();
                        assertThat(timeout.getMetadata().getProducer()).isEqualTo("planner-service");
                    });
            assertThat(started(bus, id, "split", PhaseAction.SPLIT))
                    .extracting(PhaseStarted::getAttempt)
                    .containsExactly(1, 2);
            assertThat(started(bus, id, "build", PhaseAction.BUILD))
                    .extracting(PhaseStarted::getAttempt)
                    .containsExactly(1);
            var split = status(planner, id).path("phases").get(0).path("steps").get(0);
            assertThat(split.path("attempt").asInt()).isEqualTo(2);
            assertThat(split.path("state").asText()).isEqualTo("SUCCEEDED");
        }
    }

    /** The first split request is lost; the build answers only 6 s (twice its timeout) after it was asked. */
    private static boolean lostOrSlow(PhaseStarted started, Instant[] buildSeen) {
        if (started.getAction() == PhaseAction.SPLIT) {
            return started.getAttempt() == 1;
        }
        if (started.getAction() == PhaseAction.BUILD) {
            if (buildSeen[0] == null) {
                buildSeen[0] = Instant.now();
            }
            return Instant.now().isBefore(buildSeen[0].plusSeconds(6));
        }
        return false;
    }

    /** What build-service does while it works: step.progress, here about every poll (a few times a second). */
    private static void beatWhileBuilding(Bus bus, String id, Instant[] buildSeen) {
        if (buildSeen[0] == null || Instant.now().isAfter(buildSeen[0].plusSeconds(6))) {
            return;
        }
        PhaseStarted build = started(bus, id, "build", PhaseAction.BUILD).getFirst();
        bus.publish(StepProgress.newBuilder()
                .setMetadata(Bus.WORKERS.causedBy(build.getMetadata()))
                .setPhase("build")
                .setService("auth")
                .setAction(PhaseAction.BUILD)
                .setUnit("layers")
                .setCompletedUnits(1)
                .build());
    }
}
