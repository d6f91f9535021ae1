package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageBuilder;
import dev.ferry.build.domain.ImagePlan;
import dev.ferry.build.domain.ImageTags;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.UploadProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link ImageBuilder} on Jib core: no Docker engine, layers built in-process, blobs the registry has skipped or
 * mounted. Layers and base images are cached under one directory, so a rebuild of unchanged input recomputes nothing.
 */
public final class JibImageBuilder implements ImageBuilder {

    private final Path cacheDirectory;
    private final Set<String> plainHttpRegistries;
    private final Function<String, Optional<RegistryCredentials>> credentialsForHost;

    /**
     * @param plainHttpRegistries registry hosts reached over plain HTTP (local or test registries)
     * @param credentialsForHost credentials for pulling base images from a registry host
     */
    public JibImageBuilder(
            Path cacheDirectory,
            Set<String> plainHttpRegistries,
            Function<String, Optional<RegistryCredentials>> credentialsForHost) {
        this.cacheDirectory = cacheDirectory;
        this.plainHttpRegistries = Set.copyOf(plainHttpRegistries);
        this.credentialsForHost = credentialsForHost;
    }

    @Override
    public String digestOf(ImagePlan plan, ImageTarget target) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("ferry-digest-", ".tar");
            TarImage tar = TarImage.at(scratch).named(target.name() + ":digest-check");
            JibContainer container = containerize(
                    plan, Containerizer.to(tar), "computing the digest of " + target.name(), ignored -> {});
            return container.getDigest().toString();
        } catch (IOException | InvalidImageReferenceException e) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL, "cannot compute the digest of " + target.name() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    @Override
    public PushedImage push(ImagePlan plan, ImageTarget target, ImageTags tags, UploadProgress progress) {
        var accounting = new BlobAccounting(progress);
        Containerizer containerizer = containerizer(target, tags.immutable());
        tags.moving().forEach(containerizer::withAdditionalTag);
        JibContainer container = containerize(plan, containerizer, "pushing " + target.name(), accounting::on);
        String digest = container.getDigest().toString();
        return switch (target) {
            case ImageTarget.Registry registry -> {
                var counts = accounting.counts(container.getImageId().toString());
                yield new PushedImage(
                        registry.name() + "@" + digest,
                        digest,
                        tags.all(),
                        counts.sizeBytes(),
                        counts.layersUploaded(),
                        counts.layersReused(),
                        counts.bytesUploaded());
            }
            case ImageTarget.Archive archive ->
                new PushedImage(
                        "docker-archive:" + archive.file() + ":" + archive.repository() + ":" + tags.immutable(),
                        digest,
                        tags.all(),
                        sizeOf(archive.file()),
                        0,
                        0,
                        0);
        };
    }

    private Containerizer containerizer(ImageTarget target, String tag) {
        try {
            return switch (target) {
                case ImageTarget.Registry registry -> {
                    RegistryImage image = RegistryImage.named(registry.name() + ":" + tag);
                    if (registry.credentials() != null) {
                        image.addCredential(
                                registry.credentials().username(),
                                registry.credentials().password());
                    }
                    yield Containerizer.to(image);
                }
                case ImageTarget.Archive archive -> {
                    Files.createDirectories(archive.file().toAbsolutePath().getParent());
                    yield Containerizer.to(TarImage.at(archive.file()).named(archive.repository() + ":" + tag));
                }
            };
        } catch (InvalidImageReferenceException e) {
            throw BuildFailure.permanent(
                    FailureKind.INVALID_INPUT, target.name() + ":" + tag + " is not a valid image reference", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the archive directory for " + target.name(), e);
        }
    }

    private JibContainer containerize(
            ImagePlan plan, Containerizer containerizer, String what, java.util.function.Consumer<JibEvent> events) {
        containerizer
                .setBaseImageLayersCache(cacheDirectory.resolve("base"))
                .setApplicationLayersCache(cacheDirectory.resolve("application"))
                // Jib's switch is per build, not per host: listing any plain-HTTP registry (local, tests) lets HTTP
                // fallback happen for every registry of the build, so production lists none.
                .setAllowInsecureRegistries(!plainHttpRegistries.isEmpty())
                .setToolName("ferry")
                .addEventHandler(events);
        try {
            return JibPlans.containerBuilder(plan, credentialsForHost).containerize(containerizer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildFailure.retryable(FailureKind.INTERNAL, what + " was interrupted", e);
        } catch (Exception e) {
            throw JibFailures.translate(e, what, plan.recipe().baseImage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
