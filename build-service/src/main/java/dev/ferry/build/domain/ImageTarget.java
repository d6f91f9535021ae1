package dev.ferry.build.domain;

import java.nio.file.Path;

/** Where a built image goes: a registry repository, or an image archive on disk when no registry is configured. */
public sealed interface ImageTarget {

    /** The image's name without tag, as it appears in references. */
    String name();

    /**
     * A repository in a registry.
     *
     * @param credentials null to push anonymously
     */
    record Registry(String registry, String repository, RegistryCredentials credentials) implements ImageTarget {
        @Override
        public String name() {
            return registry + "/" + repository;
        }
    }

    /** A tarball (loadable by {@code docker load} / {@code podman load}) at {@code file}. */
    record Archive(Path file, String repository) implements ImageTarget {
        @Override
        public String name() {
            return repository;
        }
    }
}
