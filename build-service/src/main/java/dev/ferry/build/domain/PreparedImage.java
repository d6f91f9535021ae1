package dev.ferry.build.domain;

import java.util.function.Function;

/**
 * An image the builder chosen for it is ready to make: its digest without pushing, or pushed with its tags.
 *
 * @param builder the builder that makes it; never {@link Builder#AUTO}
 */
record PreparedImage(Builder builder, Function<ImageTarget, String> digest, Push pushing) {

    /** Puts the image in its target with every tag. */
    @FunctionalInterface
    interface Push {
        PushedImage push(ImageTarget target, ImageTags tags, UploadProgress progress);
    }

    static PreparedImage byJib(ImageBuilder jib, ImagePlan plan) {
        return new PreparedImage(
                Builder.JIB,
                target -> jib.digestOf(plan, target),
                (target, tags, p) -> jib.push(plan, target, tags, p));
    }

    static PreparedImage byBuildah(DockerfileBuilder buildah, DockerfileSource source) {
        return new PreparedImage(
                Builder.BUILDAH,
                target -> buildah.digestOf(source, target),
                (target, tags, p) -> buildah.push(source, target, tags, p));
    }

    String digestOf(ImageTarget target) {
        return digest.apply(target);
    }

    PushedImage push(ImageTarget target, ImageTags tags, UploadProgress progress) {
        return pushing.push(target, tags, progress);
    }
}
