package dev.ferry.build.domain;

import java.util.Optional;

/** Port: the control side of a registry (credentials, repositories, what a tag points at); image bytes go elsewhere. */
public interface ImageRegistry {

    /** Whether this registry answers for {@code host} (ECR for its hosts, a plain OCI registry for the rest). */
    boolean serves(String host);

    /** The target for pushing to {@code repository}, with push credentials, creating it when missing and allowed. */
    ImageTarget.Registry prepare(ImageSettings settings);

    /** The digest {@code tag} points at, or empty when the tag does not exist. */
    Optional<String> digestOf(ImageTarget.Registry target, String tag);

    /** Checks that {@code tag} now points at {@code digest}; fails when the registry disagrees. */
    void confirm(ImageTarget.Registry target, String tag, String digest);

    /**
     * Points {@code tag} at the image {@code digest} already in {@code target}'s repository, by copying its manifest
     * byte for byte under the tag; nothing is pushed but the manifest, and the image's digest stays the same.
     */
    void retag(ImageTarget.Registry target, String digest, String tag);

    /** Credentials for pulling a base image from {@code host} (one this registry serves), if it needs any. */
    Optional<RegistryCredentials> pullCredentials(String host);
}
