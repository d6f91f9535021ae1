package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.TargetRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Split phases as the planner sends them, for repo-service's tests. */
final class Phases {

    static final MetadataFactory PLANNER = MetadataFactory.forProducer("planner-service", Clock.systemUTC());

    private Phases() {}

    static PhaseStarted split(String migrationId, List<ServiceWork> services) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("fitsync")
                .setPhase("extract")
                .setAction(PhaseAction.SPLIT)
                .setServices(services)
                .build();
    }

    static PhaseStarted scaffold(String migrationId, List<ServiceWork> services, Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("fitsync")
                .setPhase("scaffold")
                .setAction(PhaseAction.SCAFFOLD)
                .setServices(services)
                .setSettings(settings)
                .build();
    }

    static PhaseStarted configureRepository(
            String migrationId, List<ServiceWork> services, Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("fitsync")
                .setPhase("configure")
                .setAction(PhaseAction.CONFIGURE_REPOSITORY)
                .setServices(services)
                .setSettings(settings)
                .build();
    }

    static PhaseStarted restructure(String migrationId, List<ServiceWork> services, Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("iot")
                .setPhase("restructure")
                .setAction(PhaseAction.RESTRUCTURE)
                .setServices(services)
                .setSettings(settings)
                .build();
    }

    static PhaseStarted restore(String migrationId, List<ServiceWork> services, Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("iot-rollback")
                .setPhase("emergency-rollback")
                .setAction(PhaseAction.RESTORE)
                .setServices(services)
                .setSettings(settings)
                .build();
    }

    /** A phase of an action done once on the source repository (merge, unarchive), as the planner sends it. */
    static PhaseStarted onSource(
            PhaseAction action,
            String phase,
            String migrationId,
            List<ServiceWork> services,
            Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(PLANNER.first(migrationId))
                .setPlanName("monorepo")
                .setPhase(phase)
                .setAction(action)
                .setServices(services)
                .setSettings(settings)
                .build();
    }

    static ServiceWork service(String name, String source, String path, TargetRepository target) {
        return ServiceWork.newBuilder()
                .setService(name)
                .setSource(SourceSpec.newBuilder()
                        .setRepository(source)
                        .setBranch("main")
                        .setPath(path)
                        .build())
                .setTarget(target)
                .setPrior(PriorResults.newBuilder().build())
                .setParameters(Map.of())
                .build();
    }

    static TargetRepository target(String location) {
        return TargetRepository.newBuilder().setRepository(location).build();
    }
}
