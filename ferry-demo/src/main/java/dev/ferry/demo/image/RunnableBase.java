package dev.ferry.demo.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The base of the demo's images: Debian's static busybox (a shell and the usual commands, about 2 MB) in an otherwise
 * empty image, its applets linked in {@code /bin}, committed with buildah and written as a {@code docker save}
 * tarball that a Dockerfile names as {@code FROM docker-archive:/path.tar}. Made on this machine: no registry, no
 * network.
 */
public final class RunnableBase {

    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final String NAME = "ferry-demo/busybox:1";

    /** What {@link #make} gave: a base written, or why there is none. */
    public sealed interface Outcome {
        /** The {@code BASE_IMAGE} build argument that builds on it, or {@code scratch}. */
        String buildArg();

        record Made(Path archive, Duration took) implements Outcome {
            @Override
            public String buildArg() {
                return "docker-archive:" + archive;
            }
        }

        record Unavailable(String reason) implements Outcome {
            @Override
            public String buildArg() {
                return "scratch";
            }
        }
    }

    private RunnableBase() {}

    /**
     * Writes the base to {@code archive}, with buildah's storage in {@code work} (deleted afterwards). Unavailable,
     * saying what to install, when buildah or busybox is missing or buildah fails (say, run without root).
     */
    public static Outcome make(Path archive, Path work) {
        if (!Buildah.installed() || !Files.isExecutable(BUSYBOX)) {
            return new Outcome.Unavailable("buildah or busybox is missing: apt-get install buildah busybox-static");
        }
        long started = System.nanoTime();
        try (var buildah = Buildah.storedUnder(work)) {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.deleteIfExists(archive);
            String container = buildah.from("scratch");
            buildah.run("copy", container, BUSYBOX.toString(), "/bin/busybox");
            buildah.run("run", "--isolation", "chroot", container, "/bin/busybox", "--install", "-s", "/bin");
            buildah.run("config", "--env", "PATH=/usr/local/bin:/usr/bin:/bin", "--cmd", "/bin/sh", container);
            buildah.run("commit", "--quiet", container, NAME);
            buildah.run("push", "--quiet", NAME, "docker-archive:" + archive + ":" + NAME);
            return new Outcome.Made(archive, Duration.ofNanos(System.nanoTime() - started));
        } catch (Buildah.BuildahFailure | IOException e) {
            return new Outcome.Unavailable("buildah could not make the busybox base: " + e.getMessage());
        }
    }
}
