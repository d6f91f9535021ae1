package dev.ferry.plan;

import dev.ferry.plan.GitOpsDefinition.DeployModeKind;
import dev.ferry.plan.GitOpsDefinition.GitOpsLayoutKind;

/**
 * Where and how one service is deployed to one environment, with every template filled: what a deploy or rollback
 * step of that service hands to deploy-service.
 *
 * @param keyPath Helm values key path or Kustomize image name; null for the layout's default (image.tag for Helm
 *     values, the service name otherwise)
 * @param application Argo CD Application name; null when the mode has none
 * @param namespace Kubernetes namespace; null when the plan gives none
 */
public record ResolvedDeploy(
        String repository,
        String branch,
        GitOpsLayoutKind layout,
        String filePath,
        String keyPath,
        DeployModeKind mode,
        String application,
        String namespace,
        int syncTimeoutSeconds,
        String credentialRef) {}
