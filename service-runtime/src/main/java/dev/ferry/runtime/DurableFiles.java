package dev.ferry.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How a worker keeps a state file across crashes (a github-actions wait, a traffic shift, a data step): the new content
 * is written beside the file, synced to disk, then moved over it in one step, so a crash leaves the old file or the
 * new one, never a torn one. A left-over {@link #PARTIAL} file is a write that never finished.
 */
public final class DurableFiles {

    /** The suffix of a write in progress. */
    public static final String PARTIAL = ".partial";

    private DurableFiles() {}

    /** Replaces {@code file} with {@code content} atomically, creating its folder when missing. */
    public static void replace(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + PARTIAL);
        Files.write(
                partial,
                content,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                StandardOpenOption.DSYNC);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
