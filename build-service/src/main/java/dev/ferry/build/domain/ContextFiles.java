package dev.ferry.build.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a build context offers COPY once {@code .dockerignore} is applied: its files, relative, slash-separated and
 * sorted so that layers come out the same each time, and the symbolic links in it that lead outside it. The jib builder
 * copies what a link points at, so a link to a file inside the context is copied as that file (a link to a directory
 * is left out), and a link leading outside is listed on its own, for {@link CopyPlanner} to refuse any COPY that takes
 * it: copying it would put a file of the build machine into the image.
 *
 * @param linksOutside each link leading outside the context, by its path, with the target as the link states it
 */
public record ContextFiles(List<String> files, Map<String, String> linksOutside) {

    public ContextFiles {
        files = List.copyOf(files);
        // Sorted, so that of several links the same one is named each time.
        linksOutside = Collections.unmodifiableSortedMap(new TreeMap<>(linksOutside));
    }

    /** Files with no symbolic links among them. */
    public static ContextFiles of(List<String> files) {
        return new ContextFiles(files, Map.of());
    }

    /** Lists {@code directory} as Docker would send it, without {@code .git} and what {@code ignore} leaves out. */
    static ContextFiles read(Path directory, DockerIgnore ignore) {
        var files = new ArrayList<String>();
        var linksOutside = new TreeMap<String, String>();
        try (Stream<Path> walk = Files.walk(directory)) {
            Path root = directory.toRealPath();
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = directory.relativize(path).toString().replace('\\', '/');
                if (relative.isEmpty()
                        || relative.equals(".git")
                        || relative.startsWith(".git/")
                        || ignore.excludes(relative)) {
                    continue;
                }
                if (Files.isSymbolicLink(path) && leadsOutside(path, root)) {
                    linksOutside.put(relative, Files.readSymbolicLink(path).toString());
                } else if (Files.isRegularFile(path)) {
                    files.add(relative);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the build context " + directory, e);
        }
        files.sort(null);
        return new ContextFiles(files, linksOutside);
    }

    /** Whether the link at {@code path} resolves outside {@code root}; a dangling link leads nowhere to copy from. */
    private static boolean leadsOutside(Path path, Path root) {
        try {
            return !path.toRealPath().startsWith(root);
        } catch (IOException dangling) {
            return false;
        }
    }
}
