package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.runtime.StreamBindings;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Kafka edge of repo-service: a {@code phase.started} with one of {@link RepoPhaseHandler}'s actions is handled and its results published before
 * the record's offset is committed, so a crash in between repeats the phase (harmless, see {@link RepoPhaseHandler})
 * rather than losing it. Progress is fire-and-forget: losing one tick loses nothing.
 */
@Component(StreamBindings.PHASE_STARTED)
class RepoPhaseListener implements Consumer<PhaseStarted> {

    private static final Logger log = LoggerFactory.getLogger(RepoPhaseListener.class);

    private final RepoPhaseHandler handler;
    private final EventPublisher publisher;

    RepoPhaseListener(RepoPhaseHandler handler, EventPublisher publisher) {
        this.handler = handler;
        this.publisher = publisher;
    }

    @Override
    public void accept(PhaseStarted phase) {
        if (!RepoPhaseHandler.handles(phase.getAction())) {
            return;
        }
        log.info(
                "{} for {} services of phase {} (migration {})",
                phase.getAction(),
                phase.getServices().size(),
                phase.getPhase(),
                phase.getMetadata().getMigrationId());
        var results = handler.handle(phase, publisher::publish);
        CompletableFuture.allOf(results.stream().map(publisher::publish).toArray(CompletableFuture[]::new))
                .join();
    }
}
