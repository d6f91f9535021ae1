package dev.ferry.plan.yaml;

import dev.ferry.plan.DeploySettings;
import dev.ferry.plan.EnvironmentDefinition;
import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.GitOpsDefinition;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Deploy;
import dev.ferry.plan.action.Requirement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a checked {@link PlanDraft} into the fully resolved {@link MigrationPlan}: every service with its own target,
 * image, deploy overrides and parameters, every environment with its GitOps settings, every phase with its policies.
 * Runs only when no problem was found, so every value here is valid.
 */
final class PlanAssembly {

    private final PlanDraft plan;
    private final Layers layers;
    private final boolean builds;

    private PlanAssembly(PlanDraft plan) {
        this.plan = plan;
        this.layers = new Layers(plan);
        this.builds = plan.phases().stream().anyMatch(phase -> phase.kind().needs(Requirement.IMAGE_REPOSITORY));
    }

    static MigrationPlan assemble(PlanDraft plan, String document) {
        var assembly = new PlanAssembly(plan);
        return new MigrationPlan(
                plan.name(),
                plan.source(),
                plan.services().stream().map(assembly::service).toList(),
                plan.environments().stream().map(assembly::environment).toList(),
                plan.phases().stream().map(assembly::phase).toList(),
                document);
    }

    private ServiceDefinition service(ServiceDraft service) {
        String name = service.nameOrNull();
        TargetFields target = layers.target(service);
        ImageFields image = layers.image(service);
        var parameters = new LinkedHashMap<String, String>();
        layers.writtenParameters(service).forEach((key, value) -> parameters.put(key, value.value()));
        parameters.putAll(layers.derivedParameters(service));
        return new ServiceDefinition(
                name,
                service.pathOrWhole(),
                target.repository() == null ? null : target.resolve(name),
                builds || !image.isEmpty() ? image.resolve(name) : null,
                service.deploy() == null ? DeploySettings.none() : service.deploy(),
                service.port(),
                parameters,
                service.splitPaths());
    }

    private EnvironmentDefinition environment(EnvironmentDraft environment) {
        GitOpsFields gitops = layers.gitops(environment);
        GitOpsDefinition resolved = gitops.isEmpty() ? null : gitops.resolve();
        return new EnvironmentDefinition(environment.nameOrNull(), resolved);
    }

    private PhaseDefinition phase(PhaseDraft phase) {
        FailurePolicy onFailure =
                phase.onFailure() != null ? phase.onFailure() : plan.defaults().onFailure();
        return new PhaseDefinition(
                phase.nameOrNull(),
                phase.kind(),
                phase.environment() == null ? null : phase.environment().value(),
                phase.dependencyNames(),
                phase.kind().waitsForPerson()
                        || Boolean.TRUE.equals(phase.approval())
                        || !phase.approvals().isEmpty(),
                phase.barrier(),
                onFailure != null ? onFailure : FailurePolicy.STOP,
                layers.retry(phase).resolve(),
                phase.checklist(),
                phase.services().stream().map(Located::value).toList(),
                phase.rollout(),
                phase.timeout() != null ? phase.timeout() : phase.kind().defaultTimeout(),
                settings(phase, onFailure),
                phase.approvals());
    }

    /** A deploy phase that rolls back on failure tells deploy-service so in its settings. */
    private static Map<String, String> settings(PhaseDraft phase, FailurePolicy onFailure) {
        if (onFailure != FailurePolicy.ROLLBACK || phase.kind() != Actions.DEPLOY) {
            return phase.settings();
        }
        var settings = new LinkedHashMap<>(phase.settings());
        settings.put(Deploy.ON_FAILURE, Deploy.ROLLBACK_ON_FAILURE);
        return settings;
    }
}
