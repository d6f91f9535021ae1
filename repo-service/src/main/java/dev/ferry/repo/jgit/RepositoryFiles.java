package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads one file of a repository at a commit, or at its branch's head. */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /**
     * The file's bytes, or empty when the commit has no file at {@code path}.
     *
     * @param commit the commit to read, or null for the head of {@code branch}
     */
    public static Optional<byte[]> read(
            Repository repository, GitRemote remote, String branch, String commit, String path) {
        try (var walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(commit != null ? commit : Constants.R_HEADS + branch);
            if (id == null) {
                throw new SplitFailure(
                        SplitFailure.Kind.BRANCH_NOT_FOUND,
                        (commit != null ? "commit " + commit : "branch " + branch) + " does not exist in "
                                + remote.redacted());
            }
            RevCommit at = walk.parseCommit(id);
            try (TreeWalk file = TreeWalk.forPath(repository, path, at.getTree())) {
                if (file == null || file.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    return Optional.empty();
                }
                return Optional.of(repository.open(file.getObjectId(0)).getBytes());
            }
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }
}
