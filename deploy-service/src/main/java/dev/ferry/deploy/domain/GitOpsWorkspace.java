package dev.ferry.deploy.domain;

import java.util.Optional;

/**
 * A local working copy of one branch of a GitOps repository. Used by one thread at a time; implementations translate
 * transport and authentication errors into {@link StepFailure}s and never force a push.
 */
public interface GitOpsWorkspace {

    /** Fetches the branch and resets the working copy to its remote head, dropping local edits; returns that head. */
    String syncToRemote();

    /** The file's text at the working copy, or empty when it does not exist. */
    Optional<String> read(String path);

    void write(String path, String text);

    /** Commits the written files and returns the new commit id. */
    String commit(String message);

    /** Pushes the branch; false when the remote moved on (non-fast-forward), so the caller must redo its work. */
    boolean push();

    /** The newest commit among the last {@code depth} on the branch whose message has this trailer line. */
    Optional<String> findCommitWithTrailer(String trailer, String value, int depth);

    /** Whether {@code revision} is {@code commit} or a descendant of it; fetches first when the revision is unknown. */
    boolean contains(String revision, String commit);
}
