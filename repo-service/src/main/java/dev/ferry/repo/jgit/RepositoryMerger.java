package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Brings repositories into a monorepo, each under its own directory with its history: each repository's branch is
 * rewritten as {@code git filter-repo --to-subdirectory-filter <directory>} rewrites it (the same commit ids, see
 * {@link JGitHistorySplitter}), then joined to the monorepo's branch by one merge commit per repository, or one octopus
 * merge. Everything is checked and written locally first; the one push is atomic and never forced. When the branch moves
 * while Ferry works, the merge is made again on its new head (the rewritten histories stay as they are).
 *
 * <p>Running it again changes nothing: a repository whose rewritten head the branch already contains is not merged
 * again, so a repository's directory existing in the monorepo is refused only when that repository is not yet merged.
 */
public final class RepositoryMerger {

    /** How many times the branch may move under Ferry before the merge gives up (it never forces). */
    private static final int ATTEMPTS = 3;

    /** One repository to bring in: its local mirror, its branch, its directory in the monorepo, its name in messages. */
    public record Incoming(Repository repository, String branch, ServicePath directory, String name) {}

    /**
     * What the merge did: the branch's head afterwards, each directory's rewritten head, the merge commits made (none
     * when every repository was merged before) and the tags pushed.
     */
    public record Outcome(
            ObjectId head, Map<ServicePath, ObjectId> rewrittenHeads, int mergeCommits, Map<String, ObjectId> tags) {}

    private final Repository work;
    private boolean octopus;
    private boolean prefixTags;

    /**
     * @param work a repository that reads the monorepo's and every incoming repository's objects; {@link
     *     WorkRepositories#forMergeInto} makes one whose push does not search every repository for each object
     */
    public RepositoryMerger(Repository work) {
        this.work = work;
    }

    /** Joins every repository in one merge commit instead of one merge commit each. */
    public RepositoryMerger setOctopus(boolean octopus) {
        this.octopus = octopus;
        return this;
    }

    /**
     * Carries each repository's tags, renamed {@code <directory>/<tag>} (an annotated tag object named so too), as
     * {@code git filter-repo --tag-rename '':'<directory>/'} renames them.
     */
    public RepositoryMerger setPrefixTags(boolean prefixTags) {
        this.prefixTags = prefixTags;
        return this;
    }

    public Outcome merge(GitRemote target, String branch, List<Incoming> incoming, PersonIdent ferry, String message) {
        refuseOverlappingDirectories(incoming);
        Map<Incoming, SplitResult> rewritten = rewriteWhileGathering(incoming);
        var pusher = new TargetPusher(work);
        for (int attempt = 1; ; attempt++) {
            ObjectId head = pusher.head(target, branch)
                    .orElseThrow(() -> new SplitFailure(
                            SplitFailure.Kind.BRANCH_NOT_FOUND,
                            "branch " + branch + " does not exist in " + target.redacted()
                                    + "; create the monorepo's branch first"));
            Merged merged = mergeOnto(head, target, branch, rewritten, ferry, message);
            if (merged.commits() == 0) {
                return outcome(head, rewritten, 0, Map.of());
            }
            try {
                pusher.push(target, branch, merged.head(), merged.tags(), false);
                return outcome(merged.head(), rewritten, merged.commits(), merged.tags());
            } catch (SplitFailure moved) {
                boolean branchMoved = moved.kind() == SplitFailure.Kind.PUSH_REJECTED
                        || moved.kind() == SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY;
                if (!branchMoved) {
                    throw moved;
                }
                if (attempt == ATTEMPTS) {
                    throw new SplitFailure(
                            SplitFailure.Kind.PUSH_REJECTED,
                            "branch " + branch + " of " + target.redacted() + " moved under Ferry " + ATTEMPTS
                                    + " times while it merged; nothing was forced and the branch is as people left it;"
                                    + " run the phase again",
                            moved);
                }
            }
        }
    }

    private record Merged(ObjectId head, int commits, Map<String, ObjectId> tags) {}

    private static Outcome outcome(
            ObjectId head, Map<Incoming, SplitResult> rewritten, int commits, Map<String, ObjectId> tags) {
        var heads = new LinkedHashMap<ServicePath, ObjectId>();
        rewritten.forEach(
                (in, result) -> heads.put(in.directory(), result.head().orElseThrow()));
        return new Outcome(head, heads, commits, tags);
    }

    private static void refuseOverlappingDirectories(List<Incoming> incoming) {
        for (int i = 0; i < incoming.size(); i++) {
            for (int j = i + 1; j < incoming.size(); j++) {
                String a = incoming.get(i).directory().value();
                String b = incoming.get(j).directory().value();
                if (a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/")) {
                    throw new SplitFailure(
                            SplitFailure.Kind.INVALID_REQUEST,
                            incoming.get(i).name() + " (" + a + "/) and "
                                    + incoming.get(j).name() + " (" + b
                                    + "/) would share a directory: give each repository its own; nothing was pushed");
                }
            }
        }
    }

    /**
     * The rewritten histories, while another thread copies the incoming repositories' objects into the work repository
     * (see {@link WorkRepositories#gatherObjects}): only the push needs them there.
     */
    private Map<Incoming, SplitResult> rewriteWhileGathering(List<Incoming> incoming) {
        var repositories = incoming.stream().map(Incoming::repository).toList();
        try (var gathering = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("ferry-gather").factory())) {
            Future<?> gathered = gathering.submit(() -> {
                WorkRepositories.gatherObjects(repositories, work);
                return null;
            });
            Map<Incoming, SplitResult> rewritten = new SubdirectoryRewrites(
                            work, Runtime.getRuntime().availableProcessors(), prefixTags)
                    .rewrite(incoming);
            gathered.get();
            return rewritten;
        } catch (ExecutionException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.LOCAL_STORAGE,
                    "cannot copy the merged repositories' objects into " + work.getDirectory() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SplitFailure(SplitFailure.Kind.LOCAL_STORAGE, "interrupted while preparing the merge", e);
        }
    }

    /** The merge commits on {@code head} for the repositories it does not hold yet; none when it holds them all. */
    private Merged mergeOnto(
            ObjectId head,
            GitRemote target,
            String branch,
            Map<Incoming, SplitResult> rewritten,
            PersonIdent ferry,
            String message) {
        try (var walk = new RevWalk(work);
                var reader = work.newObjectReader();
                ObjectInserter inserter = work.newObjectInserter()) {
            RevCommit tip = walk.parseCommit(head);
            var pending = new ArrayList<Incoming>();
            for (var entry : rewritten.entrySet()) {
                if (!walk.isMergedInto(walk.parseCommit(entry.getValue().head().orElseThrow()), tip)) {
                    pending.add(entry.getKey());
                }
            }
            if (pending.isEmpty()) {
                return new Merged(head, 0, Map.of());
            }
            refuseTakenDirectories(tip, pending, target, branch);
            var trees = new TreeIndex(reader, new ArrayList<>(List.of(ObjectId.zeroId())));
            var composer = new TreeComposer(trees, inserter);
            ObjectId current = tip;
            ObjectId tree = tip.getTree();
            var parents = new ArrayList<ObjectId>(List.of(tip));
            var tags = new LinkedHashMap<String, ObjectId>();
            for (Incoming in : pending) {
                ObjectId theirs = rewritten.get(in).head().orElseThrow();
                List<String> segments = in.directory().segments();
                ObjectId subtree = trees.subtree(walk.parseCommit(theirs).getTree(), segments);
                tree = composer.placeAt(tree, segments, subtree, SplitLayout.underDirectory(in.directory()));
                if (prefixTags) {
                    tags.putAll(rewritten.get(in).tags()); // already named <directory>/<tag>
                }
                if (octopus) {
                    parents.add(theirs);
                } else {
                    current = commit(inserter, tree, List.of(current, theirs), ferry, subject(List.of(in)) + message);
                }
            }
            if (octopus) {
                current = commit(inserter, tree, parents, ferry, subject(pending) + message);
            }
            inserter.flush();
            return new Merged(current, octopus ? 1 : pending.size(), tags);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT,
                    "cannot read " + target.redacted() + " or a repository merged into it: " + e.getMessage(),
                    e);
        }
    }

    private void refuseTakenDirectories(RevCommit tip, List<Incoming> pending, GitRemote target, String branch)
            throws IOException {
        for (Incoming in : pending) {
            try (var found = TreeWalk.forPath(work, in.directory().value(), tip.getTree())) {
                if (found != null) {
                    throw new SplitFailure(
                            SplitFailure.Kind.TARGET_HAS_UNRELATED_HISTORY,
                            in.directory() + " already exists in " + target.redacted() + " on " + branch + " ("
                                    + tip.name() + "), so " + in.name() + " cannot be merged into it: choose another"
                                    + " directory or move that one away first; nothing was pushed");
                }
            }
        }
    }

    private static String subject(List<Incoming> merged) {
        if (merged.size() == 1) {
            return "Merge " + merged.getFirst().name() + " into "
                    + merged.getFirst().directory() + "/\n\n";
        }
        var names = new ArrayList<String>();
        merged.forEach(in -> names.add(in.name() + " into " + in.directory() + "/"));
        return "Merge " + merged.size() + " repositories: " + String.join(", ", names) + "\n\n";
    }

    private static ObjectId commit(
            ObjectInserter inserter, ObjectId tree, List<ObjectId> parents, PersonIdent ferry, String message)
            throws IOException {
        var commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentIds(parents);
        commit.setAuthor(ferry);
        commit.setCommitter(ferry);
        commit.setMessage(message);
        return inserter.insert(commit);
    }
}
