package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** One branch or tag of a remote fetched into a local ref of the work repository, when the remote has it. */
final class RemoteRefs {

    private RemoteRefs() {}

    /**
     * @param ref the remote's full ref name ({@code refs/heads/...} or {@code refs/tags/...})
     * @param local where the work repository keeps it
     * @return the local ref, or empty when the remote does not advertise {@code ref}
     */
    static Optional<Ref> fetch(Repository work, GitRemote remote, String ref, String local)
            throws GitAPIException, IOException {
        try (Git git = Git.wrap(work)) {
            boolean tag = ref.startsWith(Constants.R_TAGS);
            Ref advertised = remote.configure(
                            git.lsRemote().setRemote(remote.uri()).setTags(tag).setHeads(!tag))
                    .callAsMap()
                    .get(ref);
            if (advertised == null) {
                return Optional.empty();
            }
            remote.configure(git.fetch().setRemote(remote.uri()).setRefSpecs("+" + ref + ":" + local))
                    .call();
            return Optional.ofNullable(work.exactRef(local));
        }
    }

    /** A failure to read {@code what} ("tag backup-before-x") of the remote: UNREACHABLE, the token redacted. */
    static SplitFailure unreadable(GitRemote remote, String what, Exception e) {
        return new SplitFailure(
                SplitFailure.Kind.UNREACHABLE,
                "cannot read " + what + " of " + remote.redacted() + ": "
                        + GitRemote.redact(String.valueOf(e.getMessage())),
                e);
    }
}
