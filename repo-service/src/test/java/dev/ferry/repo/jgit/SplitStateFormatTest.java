package dev.ferry.repo.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved split state is read back by whichever repo-service version runs next, so its layout (format 1) is pinned
 * here byte for byte: a state saved now must read in an older version, and a state an older version saved must read now.
 */
class SplitStateFormatTest {

    /** One-directory layouts: their key is their path, so states saved before layouts existed still load. */
    private static final List<SplitLayout> PATHS =
            List.of(SplitLayout.subdirectory(ServicePath.of("svc/a")), SplitLayout.subdirectory(ServicePath.of("web")));

    /**
     * Four source commits (a root, two children of it, their merge) split for svc/a and web, gunzipped: hex with spaces
     * for reading, and notes on lines of their own after {@code #}.
     */
    private static final String FORMAT_ONE = hex("""
            # format
            00000001
            # the paths, in order: svc/a, web
            00000002 0005 7376632f61 0003 776562
            # the source tip
            0404040404040404040404040404040404040404
            # tree ids by number, 0 the empty tree
            00000003 e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0
                     a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1
                     a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2
            # source commits in walk order: id, parent count and numbers, changed anything, a tree number per path
            00000004
            0101010101010101010101010101010101010101 00000000                   01 00000001 00000000
            0202020202020202020202020202020202020202 00000001 00000000          01 00000001 00000002
            0303030303030303030303030303030303030303 00000001 00000000          01 00000002 00000000
            0404040404040404040404040404040404040404 00000002 00000001 00000002 01 00000002 00000002
            # new commit ids, count and ids per path: svc/a, web
            00000002 4040404040404040404040404040404040404040 4242424242424242424242424242424242424242
            00000001 4141414141414141414141414141414141414141
            """);

    @TempDir
    Path dir;

    @Test
    void savesFormatOneByteForByte() throws IOException {
        Path file = dir.resolve("ferry/a.state");

        SplitStateFile.save(sample(), file);

        assertThat(HexFormat.of().formatHex(gunzip(file))).isEqualTo(FORMAT_ONE);
    }

    @Test
    void loadsAFormatOneStateAndSavesItUnchanged() throws IOException {
        Path saved = dir.resolve("old.state");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(saved))) {
            out.write(HexFormat.of().parseHex(FORMAT_ONE));
        }

        SplitState state = SplitStateFile.load(saved, PATHS).orElseThrow();
        Path again = dir.resolve("again.state");
        SplitStateFile.save(state, again);

        assertThat(state.tip()).contains(id(4));
        assertThat(state.commitCount()).isEqualTo(4);
        assertThat(HexFormat.of().formatHex(gunzip(again))).isEqualTo(FORMAT_ONE);
        assertThat(SplitStateFile.load(saved, List.of(SplitLayout.subdirectory(ServicePath.of("web")))))
                .as("saved for other paths")
                .isEmpty();
    }

    private static SplitState sample() throws IOException {
        var state = SplitState.fresh(PATHS, id(0xe0));
        state.trees.add(id(0xa1));
        state.trees.add(id(0xa2));
        int[] written = {0};
        SplitState.KeptCommits write = (service, keep) -> id(0x40 + written[0]++);
        state.walked(id(1), new int[0], true, new int[] {1, 0}, write);
        state.walked(id(2), new int[] {0}, true, new int[] {1, 2}, write);
        state.walked(id(3), new int[] {0}, true, new int[] {2, 0}, write);
        state.walked(id(4), new int[] {1, 2}, true, new int[] {2, 2}, write);
        state.tip(id(4));
        return state;
    }

    /** An id of twenty equal bytes, easy to spot in the hex. */
    private static ObjectId id(int value) {
        byte[] raw = new byte[20];
        Arrays.fill(raw, (byte) value);
        return ObjectId.fromRaw(raw);
    }

    private static String hex(String annotated) {
        return annotated
                .lines()
                .map(line -> line.replaceAll("#.*", "").replaceAll("\\s", ""))
                .collect(Collectors.joining());
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
