package dev.ferry.plan;

import java.util.Map;

/**
 * Resolves the GitOps settings of one service in one environment: the environment's settings (the plan's GitOps section
 * with the environment's overrides) overridden by the service's own {@link DeploySettings}, then {@code {service}} and
 * {@code {env}} filled in.
 */
public final class DeployTargets {

    private DeployTargets() {}

    /** Fails when the environment has no GitOps settings: the plan reader refuses deploy phases to such environments. */
    public static ResolvedDeploy resolve(ServiceDefinition service, EnvironmentDefinition env) {
        GitOpsDefinition gitops = env.gitops();
        if (gitops == null) {
            throw new IllegalArgumentException("environment " + env.name() + " has no GitOps settings, so service "
                    + service.name() + " cannot be deployed there");
        }
        DeploySettings own = service.deploy() == null ? DeploySettings.none() : service.deploy();
        var values = Map.of("service", service.name(), "env", env.name());
        return new ResolvedDeploy(
                gitops.repository(),
                gitops.branch(),
                gitops.layout(),
                fill(first(own.filePath(), gitops.filePath()), values),
                fill(first(own.keyPath(), gitops.keyPath()), values),
                gitops.mode(),
                fill(first(own.application(), gitops.application()), values),
                fill(first(own.namespace(), gitops.namespace()), values),
                gitops.syncTimeoutSeconds(),
                gitops.credentialRef());
    }

    private static String first(String override, String fallback) {
        return override != null ? override : fallback;
    }

    private static String fill(String template, Map<String, String> values) {
        return template == null ? null : TemplateText.fill(template, values);
    }
}
