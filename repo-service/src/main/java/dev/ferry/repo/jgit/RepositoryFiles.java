package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Reads files of a repository at a commit, or at its branch's head. */
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
            RevCommit at = walk.parseCommit(resolve(repository, remote, branch, commit));
            try (TreeWalk file = TreeWalk.forPath(repository, path, at.getTree())) {
                if (file == null || file.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    return Optional.empty();
                }
                return Optional.of(repository.open(file.getObjectId(0)).getBytes());
            }
        } catch (IOException e) {
            throw unreadable(remote, e);
        }
    }

    /**
     * Every file under {@code directory} at the head of {@code branch}, by its path relative to the directory, in path
     * order; empty when the directory holds none.
     *
     * @param directory relative to the root; empty for the whole repository
     */
    public static Map<String, byte[]> under(Repository repository, GitRemote remote, String branch, String directory) {
        var files = new LinkedHashMap<String, byte[]>();
        try (var walk = new RevWalk(repository);
                var tree = new TreeWalk(repository)) {
            tree.addTree(
                    walk.parseCommit(resolve(repository, remote, branch, null)).getTree());
            tree.setRecursive(true);
            if (!directory.isEmpty()) {
                tree.setFilter(PathFilter.create(directory));
            }
            while (tree.next()) {
                if (tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                    String path = tree.getPathString();
                    String relative = directory.isEmpty() ? path : path.substring(directory.length() + 1);
                    files.put(relative, repository.open(tree.getObjectId(0)).getBytes());
                }
            }
            return files;
        } catch (IOException e) {
            throw unreadable(remote, e);
        }
    }

    private static ObjectId resolve(Repository repository, GitRemote remote, String branch, String commit)
            throws IOException {
        ObjectId id = repository.resolve(commit != null ? commit : Constants.R_HEADS + branch);
        if (id == null) {
            throw new SplitFailure(
                    SplitFailure.Kind.BRANCH_NOT_FOUND,
                    (commit != null ? "commit " + commit : "branch " + branch) + " does not exist in "
                            + remote.redacted());
        }
        return id;
    }

    private static SplitFailure unreadable(GitRemote remote, IOException e) {
        return new SplitFailure(
                SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
    }
}
