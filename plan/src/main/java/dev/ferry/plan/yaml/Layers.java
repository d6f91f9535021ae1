package dev.ferry.plan.yaml;

import dev.ferry.plan.action.Requirement;
import dev.ferry.plan.action.Scaffold;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a plan's sections are laid over each other: a service's own settings over {@code defaults} over the plan-wide
 * section ({@code registry} for images), an environment's GitOps overrides over {@code gitops}, a phase's retry over
 * {@code defaults.retry}. Checks and assembly both use it, so what is checked is what runs.
 */
final class Layers {

    private final PlanDraft plan;

    Layers(PlanDraft plan) {
        this.plan = plan;
    }

    TargetFields target(ServiceDraft service) {
        return service.target().over(plan.defaults().target());
    }

    ImageFields image(ServiceDraft service) {
        return service.image().over(plan.defaults().image().over(plan.registry()));
    }

    /** The environment's GitOps settings; empty fields when neither the plan nor the environment has any. */
    GitOpsFields gitops(EnvironmentDraft environment) {
        GitOpsFields base = plan.gitops() == null ? GitOpsFields.none() : plan.gitops();
        return environment.overrides().over(base);
    }

    RetryFields retry(PhaseDraft phase) {
        return phase.retry().over(plan.defaults().retry());
    }

    /**
     * Whether a phase fills file templates, which may name {@code {gitops-repository}}: its workers have no environment,
     * so no {@code GitOpsSpec}, and read the plan-wide repository from the parameters.
     */
    private boolean writesFiles() {
        return plan.phases().stream()
                .anyMatch(phase -> phase.kind() != null && phase.kind().needs(Requirement.FILE_TEMPLATES));
    }

    /** The parameters written for the service: its own over {@code defaults.parameters}. */
    Map<String, Located<String>> writtenParameters(ServiceDraft service) {
        var parameters = new LinkedHashMap<>(plan.defaults().parameters());
        parameters.putAll(service.parameters());
        return parameters;
    }

    /**
     * The parameters Ferry derives from structured fields, for the workers that read them from
     * {@code ServiceWork.parameters}: build arguments, repository creation, port, source credential.
     */
    Map<String, String> derivedParameters(ServiceDraft service) {
        var derived = new LinkedHashMap<String, String>();
        ImageFields image = image(service);
        image.buildArgs().forEach((name, value) -> derived.put("build-arg." + name, value.value()));
        if (image.createsRepository()) {
            derived.put("image.createRepository", "true");
        }
        if (service.port() != null) {
            derived.put("port", String.valueOf(service.port()));
        }
        if (plan.source() != null && plan.source().credentialRef() != null) {
            derived.put("sourceCredentialRef", plan.source().credentialRef());
        }
        if (writesFiles() && plan.gitops() != null && plan.gitops().repository() != null) {
            derived.put(
                    Scaffold.GITOPS_REPOSITORY_PARAMETER,
                    plan.gitops().repository().value());
        }
        return derived;
    }
}
