package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** The head commit of a branch Ferry is about to commit on, or BRANCH_NOT_FOUND saying where it looked. */
final class BranchHead {

    private BranchHead() {}

    /** @param hint what to do about a missing branch, appended to the message; empty for nothing */
    static RevCommit of(Repository repository, RevWalk walk, GitRemote remote, String branch, String hint)
            throws IOException {
        ObjectId head = repository.resolve(Constants.R_HEADS + branch);
        if (head == null) {
            throw new SplitFailure(
                    SplitFailure.Kind.BRANCH_NOT_FOUND,
                    "branch " + branch + " does not exist in " + remote.redacted() + hint);
        }
        return walk.parseCommit(head);
    }
}
