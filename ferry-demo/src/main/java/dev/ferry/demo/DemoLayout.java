package dev.ferry.demo;

import dev.ferry.cli.CliFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;

/**
 * Where the demo keeps everything, under one data directory: the generated mono-repo, the split repositories, the
 * image tarballs, the GitOps repository, the services' own state and the log. The summary prints these paths.
 */
public record DemoLayout(Path root) {

    /** Marks a directory the demo made, so that a second run may empty it and nothing else is ever deleted. */
    static final String MARKER = ".ferry-demo";

    public DemoLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path source() {
        return root.resolve("source/fitsync.git");
    }

    public Path repositories() {
        return root.resolve("repositories");
    }

    public Path repository(String service) {
        return repositories().resolve("fitsync-" + service + ".git");
    }

    public Path images() {
        return root.resolve("images");
    }

    /** The base the services' images are built on (see {@code RunnableBase}). */
    public Path baseImage() {
        return root.resolve("base/busybox.tar");
    }

    public Path gitops() {
        return root.resolve("gitops/fitsync-gitops.git");
    }

    public Path plan() {
        return root.resolve("fitsync-demo.yaml");
    }

    public Path log() {
        return root.resolve("ferry.log");
    }

    /** The services' working state (the planner's database, clones, caches); not an output. */
    public Path state(String service) {
        return root.resolve("state").resolve(service);
    }

    /**
     * Makes the directory empty and marked. A directory that holds anything but an earlier demo is refused, so a
     * mistyped {@code --data-dir} cannot delete someone's files.
     */
    public void prepare() {
        try {
            if (Files.isDirectory(root)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(root)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(root.resolve(MARKER))) {
                    throw new CliFailure(root + " is not empty and was not made by `ferry demo`; choose another"
                            + " directory with --data-dir");
                }
                deleteContents(root);
            } else if (Files.exists(root)) {
                throw new CliFailure(root + " exists and is not a directory; choose another with --data-dir");
            }
            Files.createDirectories(root);
            Files.writeString(root.resolve(MARKER), "made by `ferry demo`; the next demo run empties this directory\n");
        } catch (IOException e) {
            throw new CliFailure("cannot prepare the demo's data directory " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                FileUtils.delete(entry.toFile(), FileUtils.RECURSIVE);
            }
        }
    }
}
