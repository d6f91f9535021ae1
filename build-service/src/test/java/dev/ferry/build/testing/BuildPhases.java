package dev.ferry.build.testing;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import java.time.Clock;
import java.util.List;

/** The planner's {@code phase.started} of a fitsync build phase, as build-service receives it. */
public final class BuildPhases {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());

    private BuildPhases() {}

    /** A new event of the migration's build phase for these services; set more (environment, timeout) on it. */
    public static PhaseStarted.Builder of(String migration, ServiceWork... services) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first(migration))
                .setPlanName("fitsync")
                .setPhase("build")
                .setAction(PhaseAction.BUILD)
                .setServices(List.of(services));
    }
}
