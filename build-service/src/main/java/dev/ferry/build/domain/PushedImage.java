package dev.ferry.build.domain;

import java.util.List;

/**
 * An image that is in its target, with what it cost to put it there.
 *
 * @param reference full reference by digest, e.g. {@code registry/repo@sha256:...}
 * @param sizeBytes compressed size of all its layers
 * @param layersReused layers the registry already had (or mounted from another repository)
 * @param bytesUploaded bytes of layers and configuration actually sent
 */
public record PushedImage(
        String reference,
        String digest,
        List<String> tags,
        long sizeBytes,
        int layersUploaded,
        int layersReused,
        long bytesUploaded) {

    public PushedImage {
        tags = List.copyOf(tags);
    }
}
