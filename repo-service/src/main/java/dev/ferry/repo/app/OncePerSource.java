package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.runtime.StepSuccesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Runs an action on the source repository itself (restructure, restore) once for each source of a phase's services,
 * and answers every service of that source with the same {@code step.succeeded}, or the same {@code step.failed}.
 */
final class OncePerSource {

    /** The action on one source, for the services that share it; returns the outputs each of them reports. */
    @FunctionalInterface
    interface SourceAction {
        /** @throws SplitFailure when the source could not be changed; nothing was changed then */
        Map<String, String> apply(PhaseStarted phase, List<ServiceWork> services);
    }

    private final StepFailures failures;
    private final StepSuccesses successes;
    private final Clock clock;

    OncePerSource(StepFailures failures, MetadataFactory metadata, Clock clock) {
        this.failures = failures;
        this.successes = new StepSuccesses(metadata);
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase, SourceAction action) {
        var bySource = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            bySource.computeIfAbsent(work.getSource().getRepository(), k -> new ArrayList<>())
                    .add(work);
        }
        var events = new ArrayList<SpecificRecord>();
        for (List<ServiceWork> group : bySource.values()) {
            Instant started = clock.instant();
            try {
                Map<String, String> outputs = action.apply(phase, group);
                Duration took = Duration.between(started, clock.instant());
                group.forEach(service -> events.add(successes.of(phase, service.getService(), outputs, took)));
            } catch (SplitFailure failure) {
                events.addAll(failures.ofEvery(phase, group, failure));
            }
        }
        return events;
    }
}
