package dev.ferry.demo.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FileUtils;

/**
 * Debian's buildah on storage of its own under one directory: the vfs driver and chroot isolation, which need no
 * daemon, no kernel overlay support and no network (as root).
 */
public final class Buildah implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 2;

    private final Path storage;

    private Buildah(Path storage) {
        this.storage = storage;
    }

    /** buildah keeping its images and containers under {@code storage}; {@link #close} deletes it. */
    public static Buildah storedUnder(Path storage) {
        return new Buildah(storage);
    }

    /** Whether {@code buildah} is on the PATH. */
    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "buildah"))) {
                return true;
            }
        }
        return false;
    }

    /** A working container from {@code image} (e.g. {@code scratch}, {@code docker-archive:/x.tar}); its name. */
    public String from(String... image) {
        var args = new ArrayList<>(List.of("from"));
        args.addAll(List.of(image));
        return run(args.toArray(String[]::new))
                .strip()
                .lines()
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    /**
     * Starts {@code container} as {@code docker run IMAGE args...} would: its image's entrypoint with {@code args} in
     * place of the image's command (the image's command when there are none), as the image's user; what it printed.
     */
    public String runImage(String container, String... args) {
        JsonNode config = config(container);
        var command = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--"));
        config.path("Entrypoint").forEach(word -> command.add(word.asText()));
        if (args.length == 0) {
            config.path("Cmd").forEach(word -> command.add(word.asText()));
        }
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private JsonNode config(String container) {
        try {
            return JSON.readTree(run("inspect", "--type", "container", container))
                    .path("OCIv1")
                    .path("config");
        } catch (IOException e) {
            throw new BuildahFailure("cannot read the configuration of " + container + ": " + e.getMessage(), e);
        }
    }

    /** {@code buildah ARGS} on this storage; its standard output, or {@link BuildahFailure} with its error output. */
    public String run(String... args) {
        var command = new ArrayList<>(List.of(
                "buildah",
                "--root",
                storage.resolve("root").toString(),
                "--runroot",
                storage.resolve("run").toString(),
                "--storage-driver",
                "vfs"));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(storage);
            Path errors = storage.resolve("buildah-errors.log");
            Process process =
                    new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BuildahFailure(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0) {
                throw new BuildahFailure(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + (output + Files.readString(errors)).strip());
            }
            return output;
        } catch (IOException e) {
            throw new BuildahFailure("cannot run buildah: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildahFailure("interrupted while running buildah", e);
        }
    }

    /** Deletes the storage: vfs keeps a whole file system per image and container. */
    @Override
    public void close() {
        try {
            FileUtils.delete(storage.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            // IGNORE_ERRORS: a leftover under the demo's state directory is emptied by the next run.
        }
    }

    /** buildah could not be run or did not succeed; the message holds its command line and output. */
    public static final class BuildahFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildahFailure(String message) {
            super(message);
        }

        BuildahFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
