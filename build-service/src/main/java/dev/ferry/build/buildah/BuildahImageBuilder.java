package dev.ferry.build.buildah;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.DockerfileBuilder;
import dev.ferry.build.domain.DockerfileSource;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageTags;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.UploadProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DockerfileBuilder} on Debian's buildah: {@code buildah bud} with chroot isolation and the layer cache
 * ({@code --layers}) in Ferry's storage, then {@code buildah push} once per tag with the digest read back from
 * {@code --digestfile}. An unchanged rebuild takes every step from the cache, so it gives the same image and pushes
 * nothing; with every time stamp at 0, a rebuild on an empty cache gives the same image too when its RUNs write the
 * same files.
 *
 * <p>Sizes are the layers' uncompressed sizes: buildah compresses while it pushes and does not say how big the
 * compressed blobs came out.
 */
public final class BuildahImageBuilder implements DockerfileBuilder {

    private static final Logger log = LoggerFactory.getLogger(BuildahImageBuilder.class);

    private final BuildahCommand buildah;
    private final Function<String, Optional<RegistryCredentials>> credentialsForHost;

    /**
     * The last image built and what it was built from. The workflow asks for the digest and then pushes the same
     * checkout: the second build would come from the cache anyway, but even a cached {@code bud} costs a second or
     * more on vfs, which copies the base file system for every stage.
     */
    private final AtomicReference<Built> lastBuilt = new AtomicReference<>();

    private record Built(DockerfileSource source, String imageId) {}

    /**
     * @param executable the buildah program ({@link BuildahInstallation#find})
     * @param storage images, layer cache and configuration, kept between builds
     * @param plainHttpRegistries registry hosts reached over plain HTTP (local or test registries)
     * @param timeout how long one build or push may run
     * @param credentialsForHost credentials for pulling base images from a registry host
     */
    public BuildahImageBuilder(
            Path executable,
            Path storage,
            Set<String> plainHttpRegistries,
            Duration timeout,
            Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        this.buildah = new BuildahCommand(executable, storage, plainHttpRegistries, timeout);
        this.credentialsForHost = credentialsForHost;
    }

    @Override
    public String digestOf(DockerfileSource source, ImageTarget target) {
        try (AuthFile auth = authFile(source, target)) {
            String image = build(source, target.name() + ":digest-check", auth);
            Path layout = buildah.scratchDirectory("digest-");
            try {
                // The same compression as a push to a registry, so the same manifest and digest.
                return pushWithDigest(image, "oci:" + layout + ":digest-check", auth, new BuildahOutput());
            } finally {
                deleteTree(layout);
            }
        }
    }

    @Override
    public PushedImage push(DockerfileSource source, ImageTarget target, ImageTags tags, UploadProgress progress) {
        try (AuthFile auth = authFile(source, target)) {
            String image = build(source, target.name() + ":" + tags.immutable(), auth);
            progress.advanced(0, 0.5);
            PushedImage pushed =
                    switch (target) {
                        case ImageTarget.Registry registry -> pushToRegistry(image, registry, tags, auth);
                        case ImageTarget.Archive archive -> writeArchive(image, archive, tags, auth);
                    };
            progress.advanced(pushed.bytesUploaded(), 1.0);
            return pushed;
        }
    }

    /** Builds the Dockerfile, tagged {@code name} in buildah's storage; the image's ID. */
    private String build(DockerfileSource source, String name, AuthFile auth) {
        Built last = lastBuilt.get();
        if (last != null && last.source().equals(source)) {
            return last.imageId();
        }
        String id = runBuild(source, name, auth);
        lastBuilt.set(new Built(source, id));
        return id;
    }

    private String runBuild(DockerfileSource source, String name, AuthFile auth) {
        Path imageId = buildah.scratchFile("iid-");
        var args = new ArrayList<>(List.of(
                "--isolation",
                "chroot",
                "--layers",
                // Creation times and file times in the layers at 0, as Jib does: a RUN that writes the same files
                // gives the same layer on any machine, so a retried step finds the digest its immutable tag names.
                "--timestamp",
                "0",
                "--signature-policy",
                buildah.policy().toString(),
                "--authfile",
                auth.path().toString(),
                "--iidfile",
                imageId.toString(),
                "--file",
                source.file().toString(),
                "--tag",
                name));
        source.buildArgs().forEach((arg, value) -> args.addAll(List.of("--build-arg", arg + "=" + value)));
        args.add(source.context().directory().toString());
        var output = new BuildahOutput();
        int exit = buildah.run(false, "bud", args, output, source.deadline());
        if (exit != 0) {
            throw BuildahFailures.ofBuild(source, output, exit);
        }
        String id = readAndDelete(imageId);
        log.info("buildah built image={} id={}", name, id);
        return id;
    }

    /** Pushes every tag, the immutable one first: later tags find every blob there and send only their manifest. */
    private PushedImage pushToRegistry(String image, ImageTarget.Registry target, ImageTags tags, AuthFile auth) {
        var first = new BuildahOutput();
        String digest = pushWithDigest(image, "docker://" + target.name() + ":" + tags.immutable(), auth, first);
        for (String tag : tags.moving()) {
            String moved = pushWithDigest(image, "docker://" + target.name() + ":" + tag, auth, new BuildahOutput());
            if (!moved.equals(digest)) {
                throw BuildFailure.retryable(
                        FailureKind.CONFLICT,
                        target.name() + ":" + tag + " was pushed as " + moved + " but " + tags.immutable() + " as "
                                + digest + "; the image changed between two pushes",
                        null);
            }
        }
        LocalManifest manifest = LocalManifest.of(buildah, image);
        return new PushedImage(
                target.name() + "@" + digest,
                digest,
                tags.all(),
                manifest.layerBytes(),
                manifest.layersUploaded(first),
                manifest.layersReused(first),
                manifest.bytesUploaded(first));
    }

    private PushedImage writeArchive(String image, ImageTarget.Archive target, ImageTags tags, AuthFile auth) {
        try {
            Files.createDirectories(target.file().toAbsolutePath().getParent());
            Files.deleteIfExists(target.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + target.file(), e);
        }
        String destination = "docker-archive:" + target.file() + ":" + target.repository() + ":" + tags.immutable();
        String digest = pushWithDigest(image, destination, auth, new BuildahOutput());
        return new PushedImage(destination, digest, tags.all(), sizeOf(target.file()), 0, 0, 0);
    }

    /** {@code buildah push}, with debug output so that blobs found in the registry can be told from blobs sent. */
    private String pushWithDigest(String image, String destination, AuthFile auth, BuildahOutput output) {
        Path digest = buildah.scratchFile("digest-");
        int exit = buildah.run(
                true,
                "push",
                List.of(
                        "--signature-policy",
                        buildah.policy().toString(),
                        "--authfile",
                        auth.path().toString(),
                        "--digestfile",
                        digest.toString(),
                        image,
                        destination),
                output);
        if (exit != 0) {
            throw BuildahFailures.ofPush(destination, output, exit);
        }
        return readAndDelete(digest);
    }

    /** Credentials for the target registry and for every registry the FROM lines pull from. */
    private AuthFile authFile(DockerfileSource source, ImageTarget target) {
        var byHost = new LinkedHashMap<String, RegistryCredentials>();
        for (String host : new TreeSet<>(source.baseImageHosts())) {
            credentialsForHost.apply(host).ifPresent(credentials -> byHost.put(host, credentials));
        }
        if (target instanceof ImageTarget.Registry registry && registry.credentials() != null) {
            byHost.put(registry.registry(), registry.credentials());
        }
        return AuthFile.write(buildah.scratch(), byHost);
    }

    private static String readAndDelete(Path file) {
        try {
            String text = Files.readString(file).strip();
            Files.deleteIfExists(file);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("left {} behind: {}", root, e.getMessage());
        }
    }
}
