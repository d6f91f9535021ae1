package dev.ferry.deploy.domain.manifest;

/** What an image-version edit did to a file's text. */
public sealed interface EditResult {

    /** The file changed; {@code previous} is the value that was there, e.g. the tag a rollback will restore. */
    record Changed(String text, String previous) implements EditResult {}

    /** The file already holds the version: nothing to commit. */
    record AlreadyCurrent() implements EditResult {}
}
