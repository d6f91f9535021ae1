package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.MessageHashRewriter;
import dev.ferry.repo.domain.RawCommit;
import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Splits every service directory of a source branch in one walk of its history, writing each service's rewritten
 * commits into a work repository whose object database also reads the source's (git alternates), so no tree or blob is
 * copied. The result is what {@code git filter-repo --subdirectory-filter <path>} gives for each path, or for a layout of
 * several directories what {@code git filter-repo --path A --path B --path-rename A:X} gives.
 */
public final class JGitHistorySplitter {

    private final Repository source;
    private final Repository work;
    private ObjectInserter shared;
    private UnaryOperator<String> tagNames = UnaryOperator.identity();

    private JGitHistorySplitter(Repository source, Repository work) {
        this.source = source;
        this.work = work;
    }

    /** @param work a repository that can read {@code source}'s objects, see {@link WorkRepositories} */
    public static JGitHistorySplitter of(Repository source, Repository work) {
        return new JGitHistorySplitter(source, work);
    }

    /**
     * Writes the new objects with {@code inserter}, which the caller flushes and closes: a merge writes the histories
     * of all its repositories into one pack, so its push finds every new object in one place.
     */
    JGitHistorySplitter writingWith(ObjectInserter inserter) {
        shared = inserter;
        return this;
    }

    /**
     * Names each carried tag {@code rename.apply(name)}, in its ref and in its tag object, as {@code git filter-repo
     * --tag-rename} does.
     */
    JGitHistorySplitter renamingTags(UnaryOperator<String> rename) {
        tagNames = rename;
        return this;
    }

    /** Splits every path from the whole history of {@code branch}. */
    public Map<ServicePath, SplitResult> split(String branch, List<ServicePath> paths) {
        return split(branch, paths, null, SplitProgress.NONE);
    }

    /** {@link #splitLayouts} for directories each split to the root of its own repository. */
    public Map<ServicePath, SplitResult> split(
            String branch, List<ServicePath> paths, Path stateFile, SplitProgress progress) {
        var byPath = new LinkedHashMap<ServicePath, SplitResult>();
        splitLayouts(branch, paths.stream().map(SplitLayout::subdirectory).toList(), stateFile, progress)
                .forEach((layout, result) -> byPath.put(layout.directory(), result));
        return byPath;
    }

    /**
     * Splits every layout, continuing from the state saved in {@code stateFile} by an earlier split of the same layouts
     * when the branch has only moved forward since (then only new commits are walked), and saves the state again.
     */
    public Map<SplitLayout, SplitResult> splitLayouts(
            String branch, List<SplitLayout> layouts, Path stateFile, SplitProgress progress) {
        try {
            return walk(branch, layouts, stateFile, progress);
        } catch (MissingObjectException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT,
                    "object " + e.getObjectId().name() + " is missing from " + source.getDirectory()
                            + ": the repository is damaged or a partial clone",
                    e);
        } catch (CorruptObjectException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT,
                    "corrupt object in " + source.getDirectory() + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT,
                    "cannot read " + source.getDirectory() + ": " + e.getMessage(),
                    e);
        }
    }

    private Map<SplitLayout, SplitResult> walk(
            String branch, List<SplitLayout> layouts, Path stateFile, SplitProgress progress) throws IOException {
        ObjectId head = resolve(branch);
        refuseShallow();
        try (var walk = new RevWalk(source);
                var reader = source.newObjectReader();
                ObjectInserter inserter = shared != null ? new CallerFlushes(shared) : packInserter(work)) {
            RevCommit tip = walk.parseCommit(head);
            ObjectId emptyTree = inserter.insert(Constants.OBJ_TREE, new byte[0]);
            SplitState state =
                    resumable(walk, tip, layouts, stateFile).orElseGet(() -> SplitState.fresh(layouts, emptyTree));
            var trees = new TreeIndex(reader, state.trees);
            var composer = new TreeComposer(trees, inserter);
            checkPathsAtHead(trees, tip, branch, layouts);

            RevCommit since =
                    state.tip().isPresent() ? walk.parseCommit(state.tip().get()) : null;
            int resumedAt = state.commitCount();
            var treeNumbers = new int[layouts.size()];
            for (RevCommit commit : GitTopoOrder.of(walk, tip, since)) {
                int[] parents = state.sourceIds.numbersOf(commit.getParents());
                boolean hadFileChanges = commit.getParentCount() == 0
                        ? !emptyTree.equals(commit.getTree())
                        : !commit.getTree().equals(commit.getParent(0).getTree());
                int i = 0;
                for (SplitLayout layout : layouts) {
                    treeNumbers[i++] = layout.isSubdirectory()
                            ? trees.numberOf(
                                    commit.getTree(), layout.directory().segments())
                            : trees.numberOf(composer.compose(commit.getTree(), layout));
                }
                RawCommit raw = RawCommit.parse(commit.getRawBuffer());
                boolean mentionsCommits = MessageHashRewriter.mayMentionCommits(raw.message());
                state.walked(commit, parents, hadFileChanges, treeNumbers, (service, keep) -> {
                    byte[] message = mentionsCommits
                            ? MessageHashRewriter.rewrite(raw.message(), state.sourceIds.asSeenBy(service))
                            : raw.message();
                    var parentIds = new ArrayList<String>(keep.parents().length);
                    for (int parent : keep.parents()) {
                        parentIds.add(service.newIds.get(parent).name());
                    }
                    byte[] bytes = raw.rewrite(trees.treeOf(keep.tree()).name(), parentIds, message);
                    return inserter.insert(Constants.OBJ_COMMIT, bytes);
                });
                progress.walked(state.commitCount() - resumedAt);
                commit.disposeBody(); // the order keeps every commit; only the one being rewritten needs its body
            }
            inserter.flush();
            state.tip(tip);
            if (stateFile != null) {
                SplitStateFile.save(state, stateFile);
            }
            int tipNumber = state.sourceIds.numberOf(tip);
            var results = new LinkedHashMap<SplitLayout, SplitResult>();
            for (ServiceSplit service : state.services.values()) {
                int newHead = service.history.rewritten(tipNumber);
                results.put(
                        service.layout,
                        new SplitResult(
                                service.layout,
                                tip.copy(),
                                newHead == ServiceHistory.NONE
                                        ? Optional.empty()
                                        : Optional.of(service.newIds.get(newHead)),
                                service.history.commitsWalked(),
                                service.history.commitsKept(),
                                state.commitCount() - resumedAt,
                                TagRewriter.rewrite(source, walk, inserter, splitCommitOf(state, service), tagNames)));
            }
            inserter.flush();
            return results;
        }
    }

    /**
     * New commits go straight into one pack: written as loose objects, a split of tens of thousands of commits spends
     * most of its time creating, renaming and closing one file per commit.
     */
    static ObjectInserter packInserter(Repository work) {
        if (work.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory directory) {
            return directory.newPackInserter();
        }
        return work.newObjectInserter();
    }

    /** A caller's inserter, which the caller flushes and closes once it has written everything. */
    private static final class CallerFlushes extends ObjectInserter.Filter {

        private final ObjectInserter inserter;

        CallerFlushes(ObjectInserter inserter) {
            this.inserter = inserter;
        }

        @Override
        protected ObjectInserter delegate() {
            return inserter;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    /** The saved state when it was split from an ancestor of {@code tip} (the branch only moved forward). */
    private static Optional<SplitState> resumable(
            RevWalk walk, RevCommit tip, List<SplitLayout> layouts, Path stateFile) throws IOException {
        if (stateFile == null) {
            return Optional.empty();
        }
        Optional<SplitState> saved = SplitStateFile.load(stateFile, layouts);
        if (saved.isEmpty() || saved.get().tip().isEmpty()) {
            return Optional.empty();
        }
        ObjectId savedTip = saved.get().tip().get();
        try {
            RevCommit old = walk.parseCommit(savedTip);
            return walk.isMergedInto(old, tip) ? saved : Optional.empty();
        } catch (MissingObjectException rewritten) {
            return Optional.empty(); // the branch was rewritten and the old head collected
        }
    }

    /** The split commit a source commit became for a service, if the service kept it. */
    private static Function<ObjectId, Optional<ObjectId>> splitCommitOf(SplitState state, ServiceSplit service) {
        return sourceCommit -> {
            Integer number = state.sourceIds.numberOf(sourceCommit);
            if (number == null) {
                return Optional.empty();
            }
            OptionalInt kept = service.history.keptAs(number);
            return kept.isPresent() ? Optional.of(service.newIds.get(kept.getAsInt())) : Optional.empty();
        };
    }

    /**
     * The paths that cannot be split from the head of {@code branch} (absent, or a file), each with its reason, so a
     * phase can fail those services alone and split the rest.
     */
    public Map<ServicePath, SplitFailure> unsplittable(String branch, List<ServicePath> paths) {
        var problems = new LinkedHashMap<ServicePath, SplitFailure>();
        unsplittableLayouts(
                        branch, paths.stream().map(SplitLayout::subdirectory).toList())
                .forEach((layout, failure) -> problems.put(layout.directory(), failure));
        return problems;
    }

    /** {@link #unsplittable} for layouts: a layout fails when any of its directories cannot be split. */
    public Map<SplitLayout, SplitFailure> unsplittableLayouts(String branch, List<SplitLayout> layouts) {
        var problems = new LinkedHashMap<SplitLayout, SplitFailure>();
        try (var walk = new RevWalk(source);
                var reader = source.newObjectReader()) {
            RevCommit tip = walk.parseCommit(resolve(branch));
            var trees = new TreeIndex(reader, new ArrayList<>(List.of(ObjectId.zeroId())));
            for (SplitLayout layout : layouts) {
                try {
                    checkPathsAtHead(trees, tip, branch, List.of(layout));
                } catch (SplitFailure failure) {
                    problems.put(layout, failure);
                }
            }
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.CORRUPT_OBJECT,
                    "cannot read " + source.getDirectory() + ": " + e.getMessage(),
                    e);
        }
        return problems;
    }

    private ObjectId resolve(String branch) throws IOException {
        ObjectId head = source.resolve(Constants.R_HEADS + branch);
        if (head == null) {
            head = source.resolve(branch);
        }
        if (head == null) {
            throw new SplitFailure(
                    SplitFailure.Kind.BRANCH_NOT_FOUND,
                    "branch " + branch + " does not exist in " + source.getDirectory());
        }
        return head;
    }

    private void refuseShallow() throws IOException {
        if (!source.getObjectDatabase().getShallowCommits().isEmpty()) {
            throw new SplitFailure(
                    SplitFailure.Kind.SHALLOW_CLONE,
                    source.getDirectory()
                            + " is a shallow clone: its history is cut off, so a split would not match the real history."
                            + " Fetch the full history (git fetch --unshallow) and split again");
        }
    }

    private static void checkPathsAtHead(TreeIndex trees, RevCommit tip, String branch, List<SplitLayout> layouts)
            throws IOException {
        for (SplitLayout layout : layouts) {
            for (var move : layout.moves()) {
                if (!move.from().isEmpty()) {
                    checkPathAtHead(trees, tip, branch, ServicePath.of(move.from()));
                }
            }
        }
    }

    private static void checkPathAtHead(TreeIndex trees, RevCommit tip, String branch, ServicePath path)
            throws IOException {
        if (trees.subtree(tip.getTree(), path.segments()) != null) {
            return;
        }
        throw existsAsFile(trees, tip, path)
                ? new SplitFailure(
                        SplitFailure.Kind.PATH_IS_NOT_A_DIRECTORY,
                        path + " is a file at the head of " + branch + ", not a service directory")
                : new SplitFailure(
                        SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                        path + " does not exist at the head of " + branch + " (" + tip.name() + ")");
    }

    private static boolean existsAsFile(TreeIndex trees, RevCommit tip, ServicePath path) throws IOException {
        try (var treeWalk = org.eclipse.jgit.treewalk.TreeWalk.forPath(trees.reader(), path.value(), tip.getTree())) {
            return treeWalk != null;
        }
    }
}
