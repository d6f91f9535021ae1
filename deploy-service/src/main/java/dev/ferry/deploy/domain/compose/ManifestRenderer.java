package dev.ferry.deploy.domain.compose;

import java.util.Map;

/** Writes one service's Kubernetes manifests as files: the base, one overlay per environment, the Applications. */
public interface ManifestRenderer {

    /** The files by their path in the GitOps repository, in the order a reviewer would read them. */
    Map<String, String> render(ServiceManifest manifest);
}
