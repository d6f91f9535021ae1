package dev.ferry.build.domain;

/** Told how an image upload advances, so the step can report progress while it runs. */
@FunctionalInterface
public interface UploadProgress {

    UploadProgress NONE = (bytes, fraction) -> {};

    /**
     * @param bytesSoFar bytes of blobs handled so far (sent, or found already present)
     * @param fraction overall progress of the build and push, 0 to 1
     */
    void advanced(long bytesSoFar, double fraction);
}
