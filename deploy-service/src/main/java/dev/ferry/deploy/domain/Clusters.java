package dev.ferry.deploy.domain;

/**
 * The Kubernetes cluster of each environment: deploy-service may serve several (dev on one API server, production on
 * another), each with its own credentials and its own Argo CD namespace. An environment no cluster is configured for
 * uses the default one.
 */
public interface Clusters {

    /** Argo CD's Applications in the environment's cluster; the same object for every call with that environment. */
    ArgoCdApplications applications(String environment);

    /** The Deployments of the environment's cluster, which a direct (non-Argo CD) rollout patches and follows. */
    DeploymentRollouts deployments(String environment);

    /** The namespace Argo CD's Applications live in, in the environment's cluster. */
    String argocdNamespace(String environment);
}
