package dev.ferry.build.domain;

/** Port: assembles an image from a plan without a container runtime, and puts it in its target. */
public interface ImageBuilder {

    /** The digest the plan's image will have, computed without pushing anything. */
    String digestOf(ImagePlan plan, ImageTarget target);

    /** Builds and pushes (or writes) the image with every tag; blobs the target already has are not sent again. */
    PushedImage push(ImagePlan plan, ImageTarget target, ImageTags tags, UploadProgress progress);
}
