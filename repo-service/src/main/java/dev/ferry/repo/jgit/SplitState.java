package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.AncestryGraph;
import dev.ferry.repo.domain.MessageHashRewriter;
import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitStep;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Everything a split has decided so far, so that splitting again after new source commits walks only those: the source
 * commits in walk order with the inputs each service's decision took (parents, whether the commit changed anything, the
 * directory's tree number), the tree numbering, and each service's new commit ids.
 *
 * <p>It is saved as the inputs, not the decisions: loading replays {@link ServiceHistory} over them, which is pure
 * arithmetic and reproduces the very same decisions and numbering, so an incremental split is a full split that skips
 * reading old objects.
 */
final class SplitState {

    private static final int FORMAT = 1;

    final List<ServicePath> paths;
    final AncestryGraph sourceGraph = new AncestryGraph();
    final SourceIds sourceIds = new SourceIds();
    final List<ObjectId> trees = new ArrayList<>();
    final Map<ServicePath, ServiceSplit> services = new LinkedHashMap<>();
    private final List<int[]> parents = new ArrayList<>();
    private final List<Boolean> changed = new ArrayList<>();
    private ObjectId tip;

    private SplitState(List<ServicePath> paths, ObjectId emptyTree) {
        this.paths = List.copyOf(paths);
        trees.add(emptyTree); // number ServiceHistory.ABSENT
        paths.forEach(path -> services.put(path, new ServiceSplit(path, new ServiceHistory(sourceGraph))));
    }

    static SplitState fresh(List<ServicePath> paths, ObjectId emptyTree) {
        return new SplitState(paths, emptyTree);
    }

    /** The source head the state was last split at; empty for a fresh state. */
    Optional<ObjectId> tip() {
        return Optional.ofNullable(tip);
    }

    void tip(ObjectId newTip) {
        tip = newTip.copy();
    }

    int commitCount() {
        return sourceIds.size();
    }

    /** Records one source commit and decides it for every service; {@code onKeep} writes the kept commits. */
    void walked(ObjectId commit, int[] commitParents, boolean hadFileChanges, int[] treeNumbers, KeptCommits onKeep)
            throws IOException {
        sourceGraph.add(commitParents);
        sourceIds.add(commit);
        parents.add(commitParents);
        changed.add(hadFileChanges);
        int i = 0;
        for (ServiceSplit service : services.values()) {
            int tree = treeNumbers[i++];
            service.trees.add(tree);
            if (service.history.next(commitParents, hadFileChanges, tree) instanceof SplitStep.Keep keep) {
                service.newIds.add(onKeep.write(service, keep).copy());
            }
        }
    }

    /** Writes a kept commit for a service and returns its id. */
    @FunctionalInterface
    interface KeptCommits {
        ObjectId write(ServiceSplit service, SplitStep.Keep keep) throws IOException;
    }

    void save(Path file) throws IOException {
        file = file.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (var out = new DataOutputStream(
                new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)))) {
            out.writeInt(FORMAT);
            out.writeInt(paths.size());
            for (ServicePath path : paths) {
                out.writeUTF(path.value());
            }
            writeId(out, tip);
            out.writeInt(trees.size());
            for (ObjectId tree : trees) {
                writeId(out, tree);
            }
            out.writeInt(commitCount());
            for (int c = 0; c < commitCount(); c++) {
                writeId(out, sourceIds.idOf(c));
                int[] ps = parents.get(c);
                out.writeInt(ps.length);
                for (int p : ps) {
                    out.writeInt(p);
                }
                out.writeBoolean(changed.get(c));
                for (ServiceSplit service : services.values()) {
                    out.writeInt(service.trees.get(c));
                }
            }
            for (ServiceSplit service : services.values()) {
                out.writeInt(service.newIds.size());
                for (ObjectId id : service.newIds) {
                    writeId(out, id);
                }
            }
        }
        // A crash mid-write leaves the old state, never a torn one.
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The state saved in {@code file} for exactly these paths, replayed; empty when there is none, it was saved for other
     * paths, or it does not replay to the saved commits (then a full split is the safe answer).
     */
    static Optional<SplitState> load(Path file, List<ServicePath> paths) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = new DataInputStream(
                new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            if (in.readInt() != FORMAT) {
                return Optional.empty();
            }
            int pathCount = in.readInt();
            var savedPaths = new ArrayList<ServicePath>(pathCount);
            for (int i = 0; i < pathCount; i++) {
                savedPaths.add(ServicePath.of(in.readUTF()));
            }
            if (!savedPaths.equals(paths)) {
                return Optional.empty();
            }
            ObjectId savedTip = readId(in);
            int treeCount = in.readInt();
            var savedTrees = new ArrayList<ObjectId>(treeCount);
            for (int i = 0; i < treeCount; i++) {
                savedTrees.add(readId(in));
            }
            var state = new SplitState(paths, savedTrees.getFirst());
            state.trees.addAll(savedTrees.subList(1, savedTrees.size()));
            int commits = in.readInt();
            var treeNumbers = new int[paths.size()];
            var nothingWritten = ObjectId.zeroId();
            for (int c = 0; c < commits; c++) {
                ObjectId id = readId(in);
                int[] ps = new int[in.readInt()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = in.readInt();
                }
                boolean hadFileChanges = in.readBoolean();
                for (int i = 0; i < treeNumbers.length; i++) {
                    treeNumbers[i] = in.readInt();
                }
                state.walked(id, ps, hadFileChanges, treeNumbers, (service, keep) -> nothingWritten);
            }
            for (ServiceSplit service : state.services.values()) {
                int kept = in.readInt();
                if (kept != service.newIds.size()) {
                    return Optional.empty();
                }
                for (int i = 0; i < kept; i++) {
                    service.newIds.set(i, readId(in));
                }
            }
            state.tip = savedTip;
            return Optional.of(state);
        } catch (java.io.EOFException | java.util.zip.ZipException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writeId(DataOutputStream out, ObjectId id) throws IOException {
        byte[] raw = new byte[20];
        id.copyRawTo(raw, 0);
        out.write(raw);
    }

    private static ObjectId readId(DataInputStream in) throws IOException {
        byte[] raw = new byte[20];
        in.readFully(raw);
        return ObjectId.fromRaw(raw);
    }

    /** Per-service state of the split: its decisions, its tree number per source commit, its new commit ids. */
    static final class ServiceSplit {
        final ServicePath path;
        final ServiceHistory history;
        final IntList trees = new IntList();
        final List<ObjectId> newIds = new ArrayList<>();

        ServiceSplit(ServicePath path, ServiceHistory history) {
            this.path = path;
            this.history = history;
        }
    }

    /** A growable int array: a tree number per source commit per service adds up to millions on large histories. */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }
    }

    /** Source commits walked so far: their numbers, full ids, and an index by the first 7 hex digits. */
    static final class SourceIds {
        private final Map<ObjectId, Integer> index = new HashMap<>();
        private final List<ObjectId> ids = new ArrayList<>();
        private final Map<String, List<Integer>> byPrefix = new HashMap<>();

        private int prefixed;

        void add(ObjectId commit) {
            ObjectId id = commit.copy();
            index.put(id, ids.size());
            ids.add(id);
        }

        /** Indexes by 7-digit prefix only when a message asks: most histories never abbreviate a commit id. */
        private Map<String, List<Integer>> byPrefix() {
            for (; prefixed < ids.size(); prefixed++) {
                byPrefix.computeIfAbsent(ids.get(prefixed).name().substring(0, 7), p -> new ArrayList<>(1))
                        .add(prefixed);
            }
            return byPrefix;
        }

        int size() {
            return ids.size();
        }

        ObjectId idOf(int number) {
            return ids.get(number);
        }

        Integer numberOf(ObjectId id) {
            return index.get(id);
        }

        int[] numbersOf(ObjectId[] commits) {
            int[] numbers = new int[commits.length];
            for (int i = 0; i < commits.length; i++) {
                numbers[i] = index.get(commits[i]);
            }
            return numbers;
        }

        /** What a service's commit messages may name: the new ids of the source commits kept so far. */
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
                    return byPrefix().getOrDefault(sevenDigits, List.of()).stream()
                            .filter(source -> service.history.keptAs(source).isPresent())
                            .map(source -> ids.get(source).name())
                            .toList();
                }
            };
        }
    }
}
