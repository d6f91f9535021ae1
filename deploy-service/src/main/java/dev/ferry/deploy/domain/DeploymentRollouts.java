package dev.ferry.deploy.domain;

import java.util.Optional;

/** Kubernetes Deployments, for the direct mode that runs without Argo CD. */
public interface DeploymentRollouts {

    /**
     * Sets the container's image to the version, keeping the image's repository; returns the image it had, or empty
     * when it already ran that image.
     */
    Optional<String> setImage(String namespace, String deployment, String container, ImageVersion version);

    /** The rollout's state; the problems are those of pods running {@code version}. */
    RolloutState read(String namespace, String deployment, ImageVersion version);
}
