package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterKey;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Puts a branch back on a backup tag, a restructure's emergency rollback: by moving the branch ({@link #restore}) or
 * by one commit that reverts everything since ({@link #revert}). The commits after the tag are Ferry's own (its
 * restructure commits, by their {@value RepositoryRestructurer#RUN_TRAILER} trailer, and its revert commits, by
 * {@value #RUN_TRAILER}) or people's; dropping or reverting people's work needs {@code force}, and without it the
 * refusal lists what would be lost.
 */
public final class BranchRestorer {

    /** Trailer naming the run and phase that made a revert commit: {@code Ferry-Restore-Run: <migration>/<phase>}. */
    static final String RUN_TRAILER = "Ferry-Restore-Run";

    private static final String REVERTED_TRAILER = "Ferry-Restore-Reverted";

    /**
     * What the restore did: the commit the branch is on now and the commits it dropped (a move) or reverted (a
     * revert), newest first.
     */
    public record Restored(ObjectId commit, List<String> commits) {}

    private static final int LISTED = 10;

    private final Repository work;

    /** @param work a repository that reads the source's objects (see {@link WorkRepositories}) */
    public BranchRestorer(Repository work) {
        this.work = work;
    }

    public Restored restore(Repository source, GitRemote remote, String branch, String backupTag, boolean force) {
        // The work repository sees the source's objects and the tag fetched into it.
        try (var walk = new RevWalk(work)) {
            RevCommit head = BranchHead.of(source, walk, remote, branch, "");
            RevCommit tagged = walk.parseCommit(taggedCommit(remote, backupTag));
            if (head.equals(tagged)) {
                return new Restored(tagged.copy(), List.of());
            }
            List<RevCommit> after = checkedAfter(walk, remote, branch, backupTag, head, tagged, force, "drop");
            new TargetPusher(work).moveBack(remote, branch, tagged.copy());
            return new Restored(
                    tagged.copy(), after.stream().map(RevCommit::name).toList());
        } catch (IOException e) {
            throw unreadable(remote, e);
        }
    }

    /**
     * Commits on the branch's head one commit whose tree is the backup tag's, reverting every commit since while
     * keeping them in the history, and pushes it fast-forward. The commit names the run in a {@value #RUN_TRAILER}
     * trailer: the same phase again finds it at the head and makes no second one.
     *
     * @return the revert commit and the commits it reverted, newest first (none when the tree was the tag's already)
     */
    public Restored revert(
            Repository source,
            GitRemote remote,
            String branch,
            String backupTag,
            boolean force,
            PersonIdent ferry,
            RepositoryRestructurer.Message message) {
        try (var walk = new RevWalk(work);
                var inserter = work.newObjectInserter()) {
            RevCommit head = BranchHead.of(source, walk, remote, branch, "");
            RevCommit tagged = walk.parseCommit(taggedCommit(remote, backupTag));
            if (head.getFooterLines(new FooterKey(RUN_TRAILER)).contains(message.run())
                    && head.getTree().equals(tagged.getTree())) {
                return new Restored(head.copy(), trailerList(head, REVERTED_TRAILER));
            }
            if (head.getTree().equals(tagged.getTree())) {
                return new Restored(head.copy(), List.of());
            }
            List<RevCommit> after = checkedAfter(walk, remote, branch, backupTag, head, tagged, force, "revert");
            List<String> reverted = after.stream().map(RevCommit::name).toList();
            var commit = new CommitBuilder();
            commit.setTreeId(tagged.getTree());
            commit.setParentId(head);
            commit.setAuthor(ferry);
            commit.setCommitter(ferry);
            commit.setMessage(message.text().stripTrailing() + "\n\nReverted, newest first:\n" + list(after) + "\n"
                    + RUN_TRAILER + ": " + message.run() + "\n" + REVERTED_TRAILER + ": " + String.join(",", reverted)
                    + "\n");
            ObjectId revert = inserter.insert(commit);
            inserter.flush();
            new TargetPusher(work).push(remote, branch, revert, Map.of(), false);
            return new Restored(revert, reverted);
        } catch (IOException e) {
            throw unreadable(remote, e);
        }
    }

    /** The commits after the tag, refused when the tag is not in the branch or people's commits are among them. */
    private static List<RevCommit> checkedAfter(
            RevWalk walk,
            GitRemote remote,
            String branch,
            String backupTag,
            RevCommit head,
            RevCommit tagged,
            boolean force,
            String verb)
            throws IOException {
        if (!walk.isMergedInto(tagged, head)) {
            throw new SplitFailure(
                    SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY,
                    "tag " + backupTag + " (" + tagged.name() + ") is not in the history of " + branch + " of "
                            + remote.redacted() + "; it backs up another branch, nothing was changed");
        }
        List<RevCommit> after = after(walk, head, tagged);
        List<RevCommit> people = after.stream().filter(c -> !byFerry(c)).toList();
        if (!people.isEmpty() && !force) {
            throw new SplitFailure(
                    SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY,
                    "putting " + branch + " of " + remote.redacted() + " back on " + backupTag + " would " + verb + " "
                            + people.size() + " commit(s) pushed after Ferry's: " + describe(people)
                            + "; nothing was changed (force: true " + verb + "s them)");
        }
        return after;
    }

    private static SplitFailure unreadable(GitRemote remote, IOException e) {
        return new SplitFailure(
                SplitFailure.Kind.CORRUPT_OBJECT, "cannot read " + remote.redacted() + ": " + e.getMessage(), e);
    }

    private static List<String> trailerList(RevCommit commit, String trailer) {
        List<String> values = commit.getFooterLines(new FooterKey(trailer));
        return values.isEmpty() || values.getFirst().isBlank()
                ? List.of()
                : List.of(values.getFirst().strip().split(","));
    }

    private static String list(List<RevCommit> commits) {
        var lines = new StringBuilder();
        commits.forEach(c -> lines.append("- ")
                .append(c.name())
                .append(' ')
                .append(c.getShortMessage())
                .append('\n'));
        return lines.toString();
    }

    /** The commit the tag names on the remote, fetched into the work repository. */
    private ObjectId taggedCommit(GitRemote remote, String backupTag) {
        String local = "refs/ferry/backups/" + remote.key() + "/" + backupTag;
        try {
            Optional<Ref> fetched = RemoteRefs.fetch(work, remote, Constants.R_TAGS + backupTag, local);
            if (fetched.isEmpty()) {
                throw new SplitFailure(
                        SplitFailure.Kind.INVALID_REQUEST,
                        "tag " + backupTag + " does not exist in " + remote.redacted() + "; name the backup tag the"
                                + " restructure reported (backupTag)");
            }
            ObjectId peeled = work.getRefDatabase().peel(fetched.get()).getPeeledObjectId();
            return peeled != null ? peeled : fetched.get().getObjectId();
        } catch (GitAPIException | IOException e) {
            throw RemoteRefs.unreadable(remote, "tag " + backupTag, e);
        }
    }

    private static List<RevCommit> after(RevWalk walk, RevCommit head, RevCommit tagged) throws IOException {
        walk.reset();
        walk.markStart(head);
        walk.markUninteresting(tagged);
        var commits = new ArrayList<RevCommit>();
        for (RevCommit commit : walk) {
            commits.add(commit);
        }
        return commits;
    }

    /** Ferry's own commits: its restructures and its reverts. */
    private static boolean byFerry(RevCommit commit) {
        return !commit.getFooterLines(new FooterKey(RepositoryRestructurer.RUN_TRAILER))
                        .isEmpty()
                || !commit.getFooterLines(new FooterKey(RUN_TRAILER)).isEmpty();
    }

    private static String describe(List<RevCommit> commits) {
        var listed = commits.stream()
                .limit(LISTED)
                .map(c -> c.abbreviate(10).name() + " \"" + c.getShortMessage() + "\" by "
                        + c.getAuthorIdent().getName())
                .toList();
        return String.join(", ", listed)
                + (commits.size() > LISTED ? " and " + (commits.size() - LISTED) + " more" : "");
    }
}
