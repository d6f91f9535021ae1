package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.SplitLayout;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A {@link SplitState} on disk, gzipped {@link DataOutputStream} fields in this order: the format number, the layouts (each by its key),
 * the source tip, the tree ids by number; then per source commit in walk order its id, its parent numbers, whether it
 * changed anything and its tree number per path; last, per path, the new commit ids.
 *
 * <p>The next repo-service version reads what this one saved (SplitStateFormatTest pins the bytes): a different layout
 * needs a new {@link #FORMAT}, and a format a version does not know is no state at all, so it splits in full.
 */
final class SplitStateFile {

    private static final int FORMAT = 1;
    private static final int BUFFER = 1 << 16;

    private SplitStateFile() {}

    static void save(SplitState state, Path file) throws IOException {
        file = file.toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (var out = new DataOutputStream(
                new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(partial), BUFFER)))) {
            writeHeader(out, state);
            writeCommits(out, state);
            writeNewIds(out, state);
        }
        // A crash mid-write leaves the old state, never a torn one.
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The state saved in {@code file} for exactly these paths, replayed; empty when there is none, it was saved for other
     * paths, or it does not replay to the saved commits (then a full split is the safe answer).
     */
    static Optional<SplitState> load(Path file, List<SplitLayout> layouts) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in =
                new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), BUFFER)))) {
            if (in.readInt() != FORMAT || !readLayouts(in).equals(layouts)) {
                return Optional.empty();
            }
            ObjectId tip = readId(in);
            List<ObjectId> trees = readIds(in, in.readInt());
            var state = SplitState.fresh(layouts, trees.getFirst());
            state.trees.addAll(trees.subList(1, trees.size()));
            replayCommits(in, state);
            if (!readNewIds(in, state)) {
                return Optional.empty();
            }
            state.tip(tip);
            return Optional.of(state);
        } catch (EOFException | ZipException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writeHeader(DataOutputStream out, SplitState state) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(state.layouts.size());
        for (SplitLayout layout : state.layouts) {
            out.writeUTF(layout.key()); // a one-directory layout's key is its path, as states saved before layouts
        }
        writeId(out, state.tip().orElseThrow());
        out.writeInt(state.trees.size());
        for (ObjectId tree : state.trees) {
            writeId(out, tree);
        }
    }

    private static void writeCommits(DataOutputStream out, SplitState state) throws IOException {
        out.writeInt(state.commitCount());
        for (int c = 0; c < state.commitCount(); c++) {
            writeId(out, state.sourceIds.idOf(c));
            int[] parents = state.parentsOf(c);
            out.writeInt(parents.length);
            for (int parent : parents) {
                out.writeInt(parent);
            }
            out.writeBoolean(state.hadFileChanges(c));
            for (ServiceSplit service : state.services.values()) {
                out.writeInt(service.trees.get(c));
            }
        }
    }

    private static void writeNewIds(DataOutputStream out, SplitState state) throws IOException {
        for (ServiceSplit service : state.services.values()) {
            out.writeInt(service.newIds.size());
            for (ObjectId id : service.newIds) {
                writeId(out, id);
            }
        }
    }

    private static List<SplitLayout> readLayouts(DataInputStream in) throws IOException {
        int count = in.readInt();
        var layouts = new ArrayList<SplitLayout>(count);
        for (int i = 0; i < count; i++) {
            layouts.add(SplitLayout.parse(in.readUTF()));
        }
        return layouts;
    }

    /** Replays the saved source commits; the new ids are read after, so the replay writes none. */
    private static void replayCommits(DataInputStream in, SplitState state) throws IOException {
        int commits = in.readInt();
        var treeNumbers = new int[state.layouts.size()];
        var nothingWritten = ObjectId.zeroId();
        for (int c = 0; c < commits; c++) {
            ObjectId id = readId(in);
            int[] parents = new int[in.readInt()];
            for (int i = 0; i < parents.length; i++) {
                parents[i] = in.readInt();
            }
            boolean hadFileChanges = in.readBoolean();
            for (int i = 0; i < treeNumbers.length; i++) {
                treeNumbers[i] = in.readInt();
            }
            state.walked(id, parents, hadFileChanges, treeNumbers, (service, keep) -> nothingWritten);
        }
    }

    /** Fills in the saved new ids; false when the replay kept a different number, so the state is not this history's. */
    private static boolean readNewIds(DataInputStream in, SplitState state) throws IOException {
        for (ServiceSplit service : state.services.values()) {
            int kept = in.readInt();
            if (kept != service.newIds.size()) {
                return false;
            }
            for (int i = 0; i < kept; i++) {
                service.newIds.set(i, readId(in));
            }
        }
        return true;
    }

    private static List<ObjectId> readIds(DataInputStream in, int count) throws IOException {
        var ids = new ArrayList<ObjectId>(count);
        for (int i = 0; i < count; i++) {
            ids.add(readId(in));
        }
        return ids;
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
}
