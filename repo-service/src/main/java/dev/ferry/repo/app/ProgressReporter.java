package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.repo.jgit.SplitProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reports a split's walk as {@code step.progress} for each service of it, at most once a second: the walk tells of every
 * commit, and a person watching needs to see it move, not each commit.
 */
final class ProgressReporter {

    private static final Duration EVERY = Duration.ofSeconds(1);

    private final MetadataFactory metadata;
    private final Clock clock;

    ProgressReporter(MetadataFactory metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /** What the walk for {@code services} tells as it goes; the first report comes a second from now. */
    SplitProgress forWalk(PhaseStarted phase, List<ServiceWork> services, Consumer<SpecificRecord> out) {
        var last = new Instant[] {clock.instant()};
        return walked -> {
            Instant now = clock.instant();
            if (Duration.between(last[0], now).compareTo(EVERY) < 0) {
                return;
            }
            last[0] = now;
            for (ServiceWork service : services) {
                out.accept(progress(phase, service, walked));
            }
        };
    }

    private StepProgress progress(PhaseStarted phase, ServiceWork service, int walked) {
        return StepProgress.newBuilder()
                .setMetadata(metadata.causedBy(phase.getMetadata()))
                .setPhase(phase.getPhase())
                .setService(service.getService())
                .setAction(PhaseAction.SPLIT)
                .setUnit("commits")
                .setCompletedUnits(walked)
                .setMessage("walking the history of " + service.getSource().getBranch())
                .build();
    }
}
