package dev.ferry.deploy.domain;

/** Where, inside one GitOps file, a service's image version is written; one case per layout a plan can select. */
public sealed interface TagLocation {

    /** A Helm values file: the scalar at a key path such as {@code image.tag} or {@code images.userService.tag}. */
    record HelmValue(KeyPath path) implements TagLocation {}

    /** A kustomization: the {@code images[]} entry with this {@code name}, its {@code newTag} (or {@code digest}). */
    record KustomizeImage(String imageName) implements TagLocation {
        public KustomizeImage {
            requireName(imageName, "Kustomize image name");
        }
    }

    /** Plain manifests: the {@code image} of the container with this name in a Deployment-like workload. */
    record ContainerImage(String containerName) implements TagLocation {
        public ContainerImage {
            requireName(containerName, "container name");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw StepFailure.invalid(what + " must not be blank");
        }
    }
}
