package dev.ferry.notifier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.notifier.domain.MigrationEvent;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Of step.progress, people hear only a traffic shift's steps: heartbeats and job output stay out of the thread. */
class EventMappingTest {

    private static StepProgress progress(PhaseAction action, String unit, String message) {
        return StepProgress.newBuilder()
                .setMetadata(MetadataFactory.forProducer("deploy-service", Clock.systemUTC())
                        .first("m-1"))
                .setPhase("auth-cutover")
                .setService("auth-service")
                .setAction(action)
                .setUnit(unit)
                .setCompletedUnits(1)
                .setMessage(message)
                .build();
    }

    @Test
    void takesATrafficShiftsStepsAndNothingElseOfStepProgress() {
        var weight = progress(PhaseAction.SHIFT_TRAFFIC, "lines", "set 25% in commit abc123");
        var held = progress(PhaseAction.SHIFT_TRAFFIC, "lines", "held 25%: 1440 evaluations, 0 failed");
        var rollback = progress(PhaseAction.SHIFT_TRAFFIC, "lines", "Traffic set back to 0% in commit def456; ...");

        assertThat(EventMapping.told(weight)).isTrue();
        assertThat(EventMapping.told(held)).isTrue();
        assertThat(EventMapping.told(rollback)).isTrue();
        assertThat(EventMapping.toDomain(weight))
                .isEqualTo(new MigrationEvent.TrafficStep(
                        ((MigrationEvent.TrafficStep) EventMapping.toDomain(weight)).ref(),
                        "auth-cutover",
                        "auth-service",
                        "set 25% in commit abc123"));

        assertThat(EventMapping.told(
                        progress(PhaseAction.SHIFT_TRAFFIC, "lines", "2026-12-05T06:00:00Z 25% errorRatio=0.002 pass")))
                .as("each evaluation stays in ferry status")
                .isFalse();
        assertThat(EventMapping.told(progress(PhaseAction.RUN, "lines", "set -e")))
                .as("a job's output")
                .isFalse();
        assertThat(EventMapping.told(progress(PhaseAction.SPLIT, "commits", null)))
                .as("a heartbeat")
                .isFalse();
    }
}
