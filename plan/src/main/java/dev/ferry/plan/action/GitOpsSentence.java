package dev.ferry.plan.action;

import dev.ferry.plan.DeployTargets;
import dev.ferry.plan.EnvironmentDefinition;
import dev.ferry.plan.ResolvedDeploy;
import dev.ferry.plan.ServiceDefinition;

/** Where deploy and rollback steps write the tag, and how deploy-service follows the commit. */
final class GitOpsSentence {

    private GitOpsSentence() {}

    static ResolvedDeploy target(StepContext step) {
        EnvironmentDefinition environment =
                step.plan().environment(step.phase().environment()).orElseThrow();
        return DeployTargets.resolve(step.service(), environment);
    }

    static String where(ResolvedDeploy target, ServiceDefinition service) {
        String key = target.keyPath();
        String field =
                switch (target.layout()) {
                    case HELM_VALUES -> key != null ? key : "image.tag";
                    case KUSTOMIZE -> "images[" + (key != null ? key : service.name()) + "]";
                    case PLAIN_MANIFEST -> "container " + (key != null ? key : service.name());
                };
        return target.filePath() + " " + field;
    }

    /** How deploy-service follows the commit; its defaults are the service's name and the default namespace. */
    static String follow(ResolvedDeploy target, ServiceDefinition service) {
        String namespace = target.namespace() == null ? "" : ", namespace " + target.namespace();
        return switch (target.mode()) {
            case ARGO_CD -> "Argo CD app " + target.application() + namespace;
            case DIRECT_KUBERNETES ->
                "rollout of deployment " + (target.application() != null ? target.application() : service.name())
                        + " in namespace " + (target.namespace() != null ? target.namespace() : "default");
            case GITOPS_ONLY -> "commit only, no cluster is checked";
        };
    }
}
