package dev.ferry.deploy.domain;

import java.util.Optional;

/** Argo CD {@code Application} resources in the cluster, seen through the Kubernetes API. */
public interface ArgoCdApplications {

    /** The application's current state, or empty when no application has that name. */
    Optional<ArgoApplicationState> read(String namespace, String application);

    /** Asks Argo CD to sync the application to {@code revision}, as {@code argocd app sync --revision} does. */
    void requestSync(String namespace, String application, String revision);

    /**
     * Creates the Application a manifest (YAML, as written to the GitOps repository) describes in {@code namespace},
     * or replaces the spec of the one already there, keeping its status and any operation under way.
     */
    void apply(String namespace, String manifest);
}
