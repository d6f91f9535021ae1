package dev.ferry.planner.domain.run;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SourceRepository;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Build;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * After a migration, a push to a service's new repository flows through the same pipeline: the plan's build phase
 * and its first deploy phase, for that service alone, built from the service's own repository.
 *
 * <p>The delivery run has no split, so nothing reports a split commit to build. Instead the service's repository is
 * the plan's source, the run pins the source commit to the pushed one ({@code sourceCommit}), and the build phase's
 * {@code context} is that repository's root: build-service builds exactly the pushed commit, as it builds a
 * directory of the source in a plan without a split.
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
                service.parameters(),
                List.of());
        var phases = new ArrayList<PhaseDefinition>();
        phases.add(withDependencies(wholeRepository(build), List.of()));
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

    /** The build phase with the source repository's root as its {@code context}, whatever the migration built. */
    private static PhaseDefinition wholeRepository(PhaseDefinition build) {
        var settings = new HashMap<>(build.settings());
        settings.put(Build.CONTEXT, "");
        return new PhaseDefinition(
                build.name(),
                build.action(),
                build.environment(),
                build.dependsOn(),
                build.approvalRequired(),
                build.barrier(),
                build.onFailure(),
                build.retry(),
                build.checklist(),
                build.services(),
                build.rollout(),
                build.timeout(),
                settings,
                build.approvals());
    }

    private static PhaseDefinition withDependencies(PhaseDefinition phase, List<String> dependsOn) {
        return phase.dependingOn(dependsOn);
    }
}
