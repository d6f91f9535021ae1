package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Cutover for the source repository: a commit that puts an archive notice at the top of its README (saying where each
 * service went) is pushed to the source branch, as a normal fast-forward. A README that already carries the notice is
 * left alone, so archiving twice commits once.
 */
public final class SourceArchiver {

    /** First line of the notice; how a later run recognises that the source is already archived. */
    static final String MARKER = "<!-- archived by ferry -->";

    private static final String README = "README.md";

    /** The source commit that carries the notice, and whether this run made it. */
    public record Archived(ObjectId noticeCommit, boolean committed) {}

    private final Repository work;

    /** @param work a repository that reads the source's objects (see {@link WorkRepositories}) */
    public SourceArchiver(Repository work) {
        this.work = work;
    }

    public Archived archive(
            Repository source, GitRemote remote, String branch, String notice, PersonIdent ferry, String message) {
        try (var walk = new RevWalk(source);
                var inserter = work.newObjectInserter()) {
            RevCommit head = BranchHead.of(source, walk, remote, branch, "");
            String readme = readme(source, head);
            if (readme.startsWith(MARKER)) {
                return new Archived(head.copy(), false);
            }
            byte[] text = (MARKER + "\n" + notice + "\n\n" + readme).getBytes(StandardCharsets.UTF_8);
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, text);

            DirCache index = DirCache.read(walk.getObjectReader(), head.getTree());
            DirCacheEditor editor = index.editor();
            editor.add(new DirCacheEditor.PathEdit(README) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            var commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(head);
            commit.setAuthor(ferry);
            commit.setCommitter(ferry);
            commit.setMessage(message);
            ObjectId noticeCommit = inserter.insert(commit);
            inserter.flush();
            new TargetPusher(work).push(remote, branch, noticeCommit, Map.of(), false);
            return new Archived(noticeCommit, true);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }

    private static String readme(Repository source, RevCommit head) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(source, README, head.getTree())) {
            if (file == null) {
                return "";
            }
            return new String(source.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
