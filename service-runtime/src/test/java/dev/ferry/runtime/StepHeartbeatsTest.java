package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.StepProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class StepHeartbeatsTest {

    private final List<SpecificRecord> sent = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher = event -> {
        sent.add(event);
        return CompletableFuture.completedFuture(null);
    };
    private final MetadataFactory metadata = MetadataFactory.forProducer("deploy-service", Clock.systemUTC());

    @Test
    void beatsForTheStepWhileItRunsAndStopsWhenItEnds() {
        PhaseStarted phase = PhaseStarted.newBuilder()
                .setMetadata(metadata.first("run-1"))
                .setPlanName("shop")
                .setPhase("deploy-prod")
                .setAction(PhaseAction.DEPLOY)
                .setServices(List.of())
                .build();
        try (var heartbeats = new StepHeartbeats(publisher, metadata, Duration.ofMillis(50))) {
            heartbeats.whileRunning(phase, "cart", () -> {
                await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() >= 2);
                return null;
            });
            int afterClose = sent.size();
            // A beat already under way may still land; none after that.
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> sent.size() <= afterClose + 1);
        }

        assertThat(sent).allSatisfy(event -> {
            StepProgress progress = (StepProgress) event;
            assertThat(progress.getPhase()).isEqualTo("deploy-prod");
            assertThat(progress.getService()).isEqualTo("cart");
            assertThat(progress.getAction()).isEqualTo(PhaseAction.DEPLOY);
            assertThat(progress.getMetadata().getMigrationId()).isEqualTo("run-1");
            assertThat(progress.getMetadata().getCausationId())
                    .isEqualTo(phase.getMetadata().getEventId());
        });
    }
}
