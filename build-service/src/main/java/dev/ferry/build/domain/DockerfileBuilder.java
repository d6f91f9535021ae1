package dev.ferry.build.domain;

/**
 * Port: builds a Dockerfile by running it as a container engine would (RUN in a container, every stage, COPY --from),
 * and puts the image in its target. Layers are cached between builds, so an unchanged rebuild runs nothing again.
 */
public interface DockerfileBuilder {

    /** The digest the image will have in {@code target}, without pushing anything there. */
    String digestOf(DockerfileSource source, ImageTarget target);

    /** Builds and pushes (or writes) the image with every tag; blobs the target already has are not sent again. */
    PushedImage push(DockerfileSource source, ImageTarget target, ImageTags tags, UploadProgress progress);
}
