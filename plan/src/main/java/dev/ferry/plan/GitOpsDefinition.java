package dev.ferry.plan;

/**
 * Where and how deployments are recorded. {@code filePath}, {@code application} and {@code namespace} are templates
 * that may hold {@code {service}} and {@code {env}}; {@link DeployTargets} resolves them per service and environment.
 *
 * @param keyPath Helm values key path ({@code image.tag}) or Kustomize image name; null for the layout's default
 * @param application Argo CD Application name template; null when the mode has none
 */
public record GitOpsDefinition(
        String repository,
        String branch,
        GitOpsLayoutKind layout,
        String filePath,
        String keyPath,
        DeployModeKind mode,
        String application,
        String namespace,
        int syncTimeoutSeconds,
        String credentialRef) {

    /** How the GitOps repository is laid out. */
    public enum GitOpsLayoutKind {
        HELM_VALUES,
        KUSTOMIZE,
        PLAIN_MANIFEST
    }

    /** How a deploy is followed after the GitOps commit. */
    public enum DeployModeKind {
        ARGO_CD,
        DIRECT_KUBERNETES,
        GITOPS_ONLY
    }
}
