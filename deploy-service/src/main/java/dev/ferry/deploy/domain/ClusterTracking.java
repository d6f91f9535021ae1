package dev.ferry.deploy.domain;

import java.time.Duration;

/** How a deploy is followed after its commit is pushed; chosen by the plan's deploy mode. */
public sealed interface ClusterTracking {

    /** Argo CD syncs the repository: follow the named {@code Application}. */
    record ArgoCd(String namespace, String application, Duration timeout) implements ClusterTracking {}

    /** No Argo CD: patch the Deployment's image through the Kubernetes API and follow the rollout. */
    record Direct(String namespace, String deployment, String container, Duration timeout) implements ClusterTracking {}

    /** Only the GitOps repository is written; no cluster is configured to follow. */
    record GitOpsOnly() implements ClusterTracking {}
}
