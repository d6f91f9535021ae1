package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A job's workspace as the gzipped tar its pod unpacks: the directory's files with their modes (a script stays
 * executable) and symbolic links, without {@code .git}. It travels in a ConfigMap, so it may not pass
 * {@link #MAX_BYTES}; writing stops as soon as it would, a large checkout is never held in memory whole.
 */
final class WorkspaceArchive {

    /** What the API server accepts in one ConfigMap. */
    static final int MAX_BYTES = 1024 * 1024;

    private WorkspaceArchive() {}

    /** The gzipped tar of {@code directory}; an INVALID_INPUT failure when it is too big for a ConfigMap. */
    static byte[] of(Path directory, String job) {
        var bytes = new Bounded(MAX_BYTES);
        try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path path : entries(directory)) {
                add(tar, path, directory.relativize(path).toString().replace('\\', '/'));
            }
        } catch (TooBig e) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT,
                    "the workspace of job " + job + " is more than " + MAX_BYTES / 1024
                            + " KiB once compressed, too big for a kubernetes job (its files travel in a"
                            + " ConfigMap); run it on local or github-actions, or give it a smaller directory");
        } catch (IOException | UncheckedIOException e) {
            throw BuildFailure.permanent(
                    FailureKind.INTERNAL, "cannot pack the workspace of job " + job + " at " + directory, e);
        }
        return bytes.toByteArray();
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> !path.equals(directory))
                    .filter(path -> !inGit(directory.relativize(path)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean inGit(Path relative) {
        for (Path name : relative) {
            if (name.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static void add(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        if (Files.isSymbolicLink(path)) {
            var link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            link.setLinkName(Files.readSymbolicLink(path).toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            return;
        }
        TarArchiveEntry entry = tar.createArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
        mode(path).ifPresent(mode -> entry.setMode((entry.getMode() & ~0777) | mode));
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    /** The file's permission bits, which the tar library leaves at its defaults (a script would lose its x). */
    private static Optional<Integer> mode(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return Optional.empty();
        }
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= 0400 >> permission.ordinal();
        }
        return Optional.of(mode);
    }

    /** Bytes in memory up to a limit, past which every write fails with {@link TooBig}. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + len > limit) {
                throw new TooBig();
            }
            bytes.write(b, off, len);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private static final class TooBig extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
