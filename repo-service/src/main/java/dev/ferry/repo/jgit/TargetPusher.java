package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes a split history to the service's own repository without ever overwriting someone else's: the target branch
 * may be absent, already at the split head, behind it (an earlier split of the same source), or ahead of it (this
 * split with later commits on top, which is left as it is); anything else is
 * unrelated history and is refused unless the plan says {@code force: true}. The branch and its tags go in one atomic
 * push, so a target never ends half-pushed.
 */
public final class TargetPusher {

    /** What the push did: the target's branch head before, and whether anything was sent. */
    public record Pushed(Optional<ObjectId> before, boolean updated) {}

    private final Repository work;

    public TargetPusher(Repository work) {
        this.work = work;
    }

    public Pushed push(GitRemote target, String branch, ObjectId head, Map<String, ObjectId> tags, boolean force) {
        try {
            if (target.isLocal()) {
                createLocal(target, branch);
            }
            Optional<ObjectId> before = remoteHead(target, branch);
            var specs = new ArrayList<RefSpec>();
            tags.forEach((name, id) -> specs.add(new RefSpec(id.name() + ":" + Constants.R_TAGS + name)));
            if (before.isPresent() && !before.get().equals(head) && isAncestor(head, before.get())) {
                // The target already has this split with commits on top (Ferry's scaffold, people's work): the
                // split is done there, and pushing its head would rewind the branch.
                return new Pushed(before, !specs.isEmpty() && send(target, branch, specs));
            }
            boolean forced = false;
            if (before.isPresent() && !before.get().equals(head) && !isAncestor(before.get(), head)) {
                if (!force) {
                    throw new SplitFailure(
                            SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY,
                            "target " + target.redacted() + " already has branch " + branch + " at "
                                    + before.get().name() + ", which is not part of this split's history;"
                                    + " refusing to overwrite it (set force: true on the target in the plan to replace it)");
                }
                forced = true;
            }
            specs.addFirst(new RefSpec(head.name() + ":" + Constants.R_HEADS + branch).setForceUpdate(forced));
            boolean updated = send(target, branch, specs);
            return new Pushed(before, updated);
        } catch (IOException | GitAPIException e) {
            throw unreachable(target, e);
        }
    }

    /** The target's branch head as it is now (fetched into the work repository), empty when there is no such branch. */
    public Optional<ObjectId> head(GitRemote target, String branch) {
        try {
            return remoteHead(target, branch);
        } catch (IOException | GitAPIException e) {
            throw unreachable(target, e);
        }
    }

    /**
     * Moves the branch back to {@code commit}, one of its ancestors, whatever is on top of it: a rollback the caller
     * decided on, after checking what it drops.
     */
    public Pushed moveBack(GitRemote target, String branch, ObjectId commit) {
        try {
            Optional<ObjectId> before = remoteHead(target, branch);
            var spec = new RefSpec(commit.name() + ":" + Constants.R_HEADS + branch).setForceUpdate(true);
            return new Pushed(before, send(target, branch, List.of(spec)));
        } catch (IOException | GitAPIException e) {
            throw unreachable(target, e);
        }
    }

    private static SplitFailure unreachable(GitRemote target, Exception e) {
        return new SplitFailure(
                SplitFailure.Kind.UNREACHABLE,
                "cannot push to " + target.redacted() + ": " + GitRemote.redact(String.valueOf(e.getMessage())),
                e);
    }

    private static void createLocal(GitRemote target, String branch) throws GitAPIException {
        if (Files.isDirectory(target.localPath().resolve("objects"))
                || Files.isDirectory(target.localPath().resolve(Constants.DOT_GIT))) {
            return;
        }
        Git.init()
                .setBare(true)
                .setInitialBranch(branch)
                .setDirectory(target.localPath().toFile())
                .call()
                .close();
    }

    /** The target's branch head, fetched into the work repository so its ancestry can be checked. */
    private Optional<ObjectId> remoteHead(GitRemote target, String branch) throws GitAPIException, IOException {
        String tracking = "refs/ferry/targets/" + target.key() + "/" + branch;
        try (Git git = Git.wrap(work)) {
            var advertised = target.configure(
                            git.lsRemote().setRemote(target.uri()).setHeads(true))
                    .callAsMap()
                    .get(Constants.R_HEADS + branch);
            if (advertised == null) {
                return Optional.empty();
            }
            target.configure(git.fetch()
                            .setRemote(target.uri())
                            .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking)))
                    .call();
            Ref fetched = work.exactRef(tracking);
            return Optional.of(fetched.getObjectId());
        } catch (TransportException e) {
            throw target.failure("reading branch " + branch, e);
        }
    }

    private boolean isAncestor(ObjectId ancestor, ObjectId descendant) throws IOException {
        try (var walk = new RevWalk(work)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        }
    }

    private boolean send(GitRemote target, String branch, List<RefSpec> specs) throws GitAPIException {
        if (target.isLocal()) {
            return sendLocal(target, specs);
        }
        Iterable<PushResult> results;
        try (Git git = Git.wrap(work)) {
            results = target.configure(git.push()
                            .setRemote(target.uri())
                            .setRefSpecs(specs)
                            .setAtomic(true))
                    .call();
        } catch (TransportException e) {
            throw target.failure("pushing " + branch, e);
        }
        boolean updated = false;
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK -> updated = true;
                    case UP_TO_DATE -> {}
                    default -> throw rejected(target, update.getRemoteName(), update.getStatus(), update.getMessage());
                }
            }
        }
        return updated;
    }

    /** A push into a repository on this machine's disk (see {@link LocalPush}), with the same outcomes as one by wire. */
    private boolean sendLocal(GitRemote target, List<RefSpec> specs) {
        Path directory = target.localPath();
        Path gitDir = Files.isDirectory(directory.resolve(Constants.DOT_GIT))
                ? directory.resolve(Constants.DOT_GIT)
                : directory;
        try {
            boolean updated = false;
            for (LocalPush.Update update : new LocalPush(work).push(gitDir, specs)) {
                switch (update.result()) {
                    case OK -> updated = true;
                    case NOT_ATTEMPTED -> {}
                    default -> throw rejected(target, update.ref(), update.result(), update.message());
                }
            }
            return updated;
        } catch (IOException e) {
            throw unreachable(target, e);
        }
    }

    private static SplitFailure rejected(GitRemote target, String ref, Object status, String message) {
        return new SplitFailure(
                SplitFailure.Kind.PUSH_REJECTED,
                "push of " + ref + " to " + target.redacted() + " was rejected (" + status
                        + (message == null ? "" : ": " + message)
                        + "); the target changed while Ferry pushed or protects the branch");
    }
}
