package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Cutover for the source repository: a commit that puts an archive notice at the top of its README (saying where each
 * service went) is pushed to the source branch, as a normal fast-forward. A README that already carries the notice is
 * left alone, so archiving twice commits once. {@link #revertNotice} is the cutover's rollback.
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
            String text = MARKER + "\n" + notice + "\n\n" + readme;
            ObjectId noticeCommit = commitReadme(walk, inserter, head, Optional.of(text), ferry, message);
            new TargetPusher(work).push(remote, branch, noticeCommit, Map.of(), false);
            return new Archived(noticeCommit, true);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }

    /** The commit that reverted the notice, and the notice commit it reverted. */
    public record Reverted(ObjectId revertCommit, ObjectId noticeCommit) {}

    /**
     * Reverts the archive notice: the README on the branch's head loses the notice (what people wrote in it since
     * stays), or goes away when the notice commit created it; pushed as a fast-forward. Empty when the head's README
     * carries no notice (never archived, or reverted already), so unarchiving twice commits once.
     */
    public Optional<Reverted> revertNotice(
            Repository source, GitRemote remote, String branch, PersonIdent ferry, String message) {
        try (var walk = new RevWalk(source);
                var inserter = work.newObjectInserter()) {
            RevCommit head = BranchHead.of(source, walk, remote, branch, "");
            String readme = readme(source, head);
            if (!readme.startsWith(MARKER)) {
                return Optional.empty();
            }
            RevCommit notice = noticeCommit(source, walk, head);
            boolean created = notice.getParentCount() == 0 || !hasReadme(source, walk.parseCommit(notice.getParent(0)));
            String rest = readme.substring(readme.indexOf("\n\n") + 2);
            ObjectId revert = commitReadme(
                    walk,
                    inserter,
                    head,
                    created && rest.isEmpty() ? Optional.empty() : Optional.of(rest),
                    ferry,
                    message.stripTrailing() + "\n\nThis reverts commit " + notice.name() + ".\n");
            new TargetPusher(work).push(remote, branch, revert, Map.of(), false);
            return Optional.of(new Reverted(revert, notice.copy()));
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
        }
    }

    /** A commit on {@code head} with the README set to {@code text}, or deleted when it is empty. */
    private static ObjectId commitReadme(
            RevWalk walk,
            ObjectInserter inserter,
            RevCommit head,
            Optional<String> text,
            PersonIdent ferry,
            String message)
            throws IOException {
        DirCache index = DirCache.read(walk.getObjectReader(), head.getTree());
        DirCacheEditor editor = index.editor();
        if (text.isEmpty()) {
            editor.add(new DirCacheEditor.DeletePath(README));
        } else {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, text.get().getBytes(StandardCharsets.UTF_8));
            editor.add(new DirCacheEditor.PathEdit(README) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
        }
        editor.finish();
        var commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(inserter));
        commit.setParentId(head);
        commit.setAuthor(ferry);
        commit.setCommitter(ferry);
        commit.setMessage(message);
        ObjectId id = inserter.insert(commit);
        inserter.flush();
        return id;
    }

    /** The newest first-parent ancestor of {@code head} whose README got the notice (its parent's has none). */
    private static RevCommit noticeCommit(Repository source, RevWalk walk, RevCommit head) throws IOException {
        RevCommit commit = head;
        while (commit.getParentCount() > 0) {
            RevCommit parent = walk.parseCommit(commit.getParent(0));
            if (!readme(source, parent).startsWith(MARKER)) {
                return commit;
            }
            commit = parent;
        }
        return commit;
    }

    private static boolean hasReadme(Repository source, RevCommit commit) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(source, README, commit.getTree())) {
            return file != null;
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
