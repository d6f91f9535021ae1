package dev.ferry.build.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A base image with a shell, made without a network: Debian's static busybox in an empty image, its applets linked in
 * {@code /bin}, committed with buildah and pushed to the test registry. {@code .ci/run} installs {@code buildah} and
 * {@code busybox-static}.
 */
public final class BusyboxBase {

    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final Map<String, String> pushed = new ConcurrentHashMap<>();

    private BusyboxBase() {}

    /** {@code host/base/busybox:1}, pushed on first use in this JVM; its reference. */
    public static String pushedTo(String host) {
        return pushed.computeIfAbsent(host, BusyboxBase::push);
    }

    private static String push(String host) {
        requireInstalled();
        String reference = host + "/base/busybox:1";
        Path storage = null;
        try {
            storage = Files.createTempDirectory("busybox-base-");
            var buildah = Command.reaching(storage, host);
            String container = buildah.container("scratch");
            buildah.run("copy", container, BUSYBOX.toString(), "/bin/busybox");
            buildah.run("run", "--isolation", "chroot", container, "/bin/busybox", "--install", "-s", "/bin");
            buildah.run("config", "--env", "PATH=/usr/local/bin:/usr/bin:/bin", "--cmd", "/bin/sh", container);
            buildah.run("commit", container, reference);
            buildah.run("push", reference, "docker://" + reference);
            return reference;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the busybox base image", e);
        } finally {
            deleteTree(storage);
        }
    }

    /**
     * Runs an image's own command (its entrypoint and command from {@code config}, as a container engine would) from
     * {@code host/reference} in a chroot, the way a person checks that a built image starts; what it printed.
     */
    public static String runCommandOf(String host, String reference, List<String> command) {
        Path storage = null;
        try {
            storage = Files.createTempDirectory("image-run-");
            var buildah = Command.reaching(storage, host);
            String container = buildah.container("docker://" + host + "/" + reference);
            var run = new ArrayList<>(List.of("run", "--isolation", "chroot", container, "--"));
            run.addAll(command);
            return buildah.run(run.toArray(String[]::new));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + reference, e);
        } finally {
            deleteTree(storage);
        }
    }

    /** buildah's vfs storage holds a full file system per image and container; leave none behind in /tmp. */
    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Fails, saying what to install, rather than skipping: CI must run every test. */
    public static void requireInstalled() {
        if (!Files.isExecutable(Path.of("/usr/bin/buildah")) || !Files.isExecutable(BUSYBOX)) {
            throw new AssertionError("these tests need Debian's buildah and busybox-static:"
                    + " apt-get install -y buildah busybox-static (.ci/run installs them)");
        }
    }

    private record Command(Path storage, Path registriesConf) {

        /** buildah on its own storage, reaching the plain-HTTP registry at {@code host}. */
        static Command reaching(Path storage, String host) throws IOException {
            Path conf = storage.resolve("registries.conf");
            Files.writeString(conf, "[[registry]]\nlocation = \"" + host + "\"\ninsecure = true\n");
            return new Command(storage, conf);
        }

        /** A working container from {@code image}; its name (the last line buildah prints). */
        String container(String image) {
            return run("from", image).strip().lines().reduce((a, b) -> b).orElseThrow();
        }

        String run(String... args) {
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
                var builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().put("CONTAINERS_REGISTRIES_CONF", registriesConf.toString());
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
                }
                return output;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
