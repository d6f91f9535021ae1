package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.AncestryGraph;
import dev.ferry.repo.domain.MessageHashRewriter;
import dev.ferry.repo.domain.RawCommit;
import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Splits every service directory of a source branch in one walk of its history, writing each service's rewritten
 * commits into a work repository whose object database also reads the source's (git alternates), so no tree or blob is
 * copied. The result is what {@code git filter-repo --subdirectory-filter <path>} gives for each path.
 */
public final class JGitHistorySplitter {

    private final Repository source;
    private final Repository work;

    private JGitHistorySplitter(Repository source, Repository work) {
        this.source = source;
        this.work = work;
    }

    /** @param work a repository that can read {@code source}'s objects, see {@link WorkRepositories} */
    public static JGitHistorySplitter of(Repository source, Repository work) {
        return new JGitHistorySplitter(source, work);
    }

    public Map<ServicePath, SplitResult> split(String branch, List<ServicePath> paths) {
        try {
            return walk(branch, paths);
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

    private Map<ServicePath, SplitResult> walk(String branch, List<ServicePath> paths) throws IOException {
        ObjectId head = resolve(branch);
        refuseShallow();
        try (var walk = new RevWalk(source);
                var reader = source.newObjectReader();
                ObjectInserter inserter = work.newObjectInserter()) {
            RevCommit tip = walk.parseCommit(head);
            var trees = new TreeIndex(reader, inserter.insert(Constants.OBJ_TREE, new byte[0]));
            checkPathsAtHead(trees, tip, branch, paths);

            walk.setRetainBody(true);
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(tip);

            var sourceGraph = new AncestryGraph();
            var services = new LinkedHashMap<ServicePath, ServiceSplit>();
            paths.forEach(path -> services.put(path, new ServiceSplit(path, new ServiceHistory(sourceGraph))));
            var written = new SourceIds();

            for (RevCommit commit : walk) {
                int[] parents = written.indicesOf(commit.getParents());
                sourceGraph.add(parents);
                written.add(commit);
                boolean hadFileChanges = commit.getParentCount() == 0
                        ? !trees.treeOf(ServiceHistory.ABSENT).equals(commit.getTree())
                        : !commit.getTree().equals(commit.getParent(0).getTree());
                RawCommit raw = RawCommit.parse(commit.getRawBuffer());
                boolean mentionsCommits = MessageHashRewriter.mayMentionCommits(raw.message());
                for (ServiceSplit service : services.values()) {
                    int tree = trees.numberOf(commit.getTree(), service.path.segments());
                    byte[] message = mentionsCommits
                            ? MessageHashRewriter.rewrite(raw.message(), written.asSeenBy(service))
                            : raw.message();
                    if (service.history.next(parents, hadFileChanges, tree) instanceof SplitStep.Keep keep) {
                        var parentIds = new ArrayList<String>(keep.parents().length);
                        for (int parent : keep.parents()) {
                            parentIds.add(service.newIds.get(parent).name());
                        }
                        byte[] bytes = raw.rewrite(trees.treeOf(keep.tree()).name(), parentIds, message);
                        service.newIds.add(inserter.insert(Constants.OBJ_COMMIT, bytes));
                    }
                }
            }
            inserter.flush();
            int tipIndex = written.indexOf(tip);
            var results = new LinkedHashMap<ServicePath, SplitResult>();
            services.forEach((path, service) -> results.put(path, service.result(tip, tipIndex)));
            return results;
        }
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

    private static void checkPathsAtHead(TreeIndex trees, RevCommit tip, String branch, List<ServicePath> paths)
            throws IOException {
        for (ServicePath path : paths) {
            if (trees.subtree(tip.getTree(), path.segments()) != null) {
                continue;
            }
            throw existsAsFile(trees, tip, path)
                    ? new SplitFailure(
                            SplitFailure.Kind.PATH_IS_NOT_A_DIRECTORY,
                            path + " is a file at the head of " + branch + ", not a service directory")
                    : new SplitFailure(
                            SplitFailure.Kind.PATH_ABSENT_AT_HEAD,
                            path + " does not exist at the head of " + branch + " (" + tip.name() + ")");
        }
    }

    private static boolean existsAsFile(TreeIndex trees, RevCommit tip, ServicePath path) throws IOException {
        try (var treeWalk = org.eclipse.jgit.treewalk.TreeWalk.forPath(trees.reader(), path.value(), tip.getTree())) {
            return treeWalk != null;
        }
    }

    /** Per-service state of the walk: its decisions and the ids of the commits written for it. */
    private static final class ServiceSplit {
        final ServicePath path;
        final ServiceHistory history;
        final List<ObjectId> newIds = new ArrayList<>();

        ServiceSplit(ServicePath path, ServiceHistory history) {
            this.path = path;
            this.history = history;
        }

        SplitResult result(RevCommit tip, int tipIndex) {
            int head = history.rewritten(tipIndex);
            Optional<ObjectId> headId = head == ServiceHistory.NONE ? Optional.empty() : Optional.of(newIds.get(head));
            return new SplitResult(path, tip.copy(), headId, history.commitsWalked(), history.commitsKept());
        }
    }

    /** Source commits walked so far: their numbers, full ids, and an index by the first 7 hex digits. */
    private static final class SourceIds {
        private final Map<ObjectId, Integer> index = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final Map<String, List<Integer>> byPrefix = new HashMap<>();

        void add(RevCommit commit) {
            String name = commit.name();
            index.put(commit.copy(), names.size());
            byPrefix.computeIfAbsent(name.substring(0, 7), p -> new ArrayList<>(1))
                    .add(names.size());
            names.add(name);
        }

        int indexOf(ObjectId id) {
            return index.get(id);
        }

        int[] indicesOf(RevCommit[] parents) {
            int[] indices = new int[parents.length];
            for (int i = 0; i < parents.length; i++) {
                indices[i] = indexOf(parents[i]);
            }
            return indices;
        }

        MessageHashRewriter.WrittenCommits asSeenBy(ServiceSplit service) {
            return new MessageHashRewriter.WrittenCommits() {
                @Override
                public Optional<String> newIdOf(String sourceId) {
                    Integer source = index.get(ObjectId.fromString(sourceId));
                    if (source == null) {
                        return Optional.empty();
                    }
                    var kept = service.history.keptAs(source);
                    return kept.isPresent()
                            ? Optional.of(service.newIds.get(kept.getAsInt()).name())
                            : Optional.empty();
                }

                @Override
                public List<String> writtenWithPrefix(String sevenDigits) {
                    return byPrefix.getOrDefault(sevenDigits, List.of()).stream()
                            .filter(source -> service.history.keptAs(source).isPresent())
                            .map(names::get)
                            .toList();
                }
            };
        }
    }
}
