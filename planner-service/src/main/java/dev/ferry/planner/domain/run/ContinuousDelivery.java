package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SourceRepository;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import java.util.ArrayList;
import java.util.List;

/**
 * After a migration, a push to a service's new repository flows through the same pipeline: the plan's build phase
 * and its first deploy phase, for that service alone, built from the service's own repository.
 */
public final class ContinuousDelivery {

    private ContinuousDelivery() {}

    /**
     * @throws IllegalArgumentException when the plan has no such service, or no build or deploy phase
     */
    public static MigrationPlan planFor(MigrationPlan migration, String serviceName) {
        ServiceDefinition service = migration
                .service(serviceName)
                .orElseThrow(() ->
                        new IllegalArgumentException("plan " + migration.name() + " has no service " + serviceName));
        if (service.target() == null) {
            throw new IllegalArgumentException(serviceName + " has no repository of its own in " + migration.name());
        }
        PhaseDefinition build = first(migration, Actions.BUILD);
        PhaseDefinition deploy = first(migration, Actions.DEPLOY);
        var source = new SourceRepository(
                service.target().repository(),
                service.target().defaultBranch(),
                service.target().credentialRef());
        var ownRepository = new ServiceDefinition(
                service.name(),
                "",
                service.target(),
                service.image(),
                service.deploy(),
                service.port(),
                service.parameters());
        var phases = new ArrayList<PhaseDefinition>();
        phases.add(withDependencies(build, List.of()));
        phases.add(withDependencies(deploy, List.of(build.name())));
        return new MigrationPlan(
                migration.name() + "-delivery-" + serviceName,
                source,
                List.of(ownRepository),
                migration.environments(),
                phases,
                migration.document());
    }

    /** Whether a push to this branch of this repository is a delivery for the service. */
    public static boolean isDeliveryPush(ServiceDefinition service, String repository, String ref) {
        if (service.target() == null) {
            return false;
        }
        String branch = "refs/heads/" + service.target().defaultBranch();
        return branch.equals(ref) && RepositoryNames.same(service.target().repository(), repository);
    }

    private static PhaseDefinition first(MigrationPlan plan, Action action) {
        return plan.phases().stream()
                .filter(phase -> phase.action() == action)
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("plan " + plan.name() + " has no " + action.name() + " phase"));
    }

    private static PhaseDefinition withDependencies(PhaseDefinition phase, List<String> dependsOn) {
        return phase.dependingOn(dependsOn);
    }
}
