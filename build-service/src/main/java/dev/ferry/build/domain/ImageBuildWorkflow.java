package dev.ferry.build.domain;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The build step for one service in build-service, top-down: check the commit out, pick the builder and prepare the
 * image from its Dockerfile, render the tags, prepare the registry, refuse to move an immutable tag to different
 * content, push, confirm. Running it twice for the same commit pushes nothing new and gives the same digest (with
 * buildah, as long as its layer cache holds the steps).
 */
public final class ImageBuildWorkflow {

    private final SourceCheckouts checkouts;
    private final BuilderSelection builders;
    private final Registries registries;
    private final Path archiveDirectory;
    private final Retry retry;
    private final Clock clock;

    public ImageBuildWorkflow(
            SourceCheckouts checkouts,
            ImageBuilder jib,
            DockerfileBuilder buildah,
            Registries registries,
            Path archiveDirectory,
            Retry retry,
            Clock clock) {
        this.checkouts = checkouts;
        this.builders = new BuilderSelection(jib, buildah);
        this.registries = registries;
        this.archiveDirectory = archiveDirectory;
        this.retry = retry;
        this.clock = clock;
    }

    public BuiltImage build(BuildRequest request, UploadProgress progress) {
        Instant start = clock.instant();
        Made made =
                checkouts.withCheckout(request.repository(), request.commit(), request.credentialRef(), checkout -> {
                    BuildContext context = checkout.within(request.contextPath());
                    PreparedImage image = builders.prepare(context, request.image(), request.builder());
                    return new Made(buildIn(context, image, request, progress), image.builder(), context.commit());
                });
        return new BuiltImage(
                request.service(), made.commit(), made.image(), made.by(), Duration.between(start, clock.instant()));
    }

    /** What leaves the checkout: the image in its target, the builder that made it and the commit built. */
    private record Made(PushedImage image, Builder by, String commit) {}

    private PushedImage buildIn(
            BuildContext context, PreparedImage image, BuildRequest request, UploadProgress progress) {
        ImageSettings settings = request.image();
        ImageTags tags = ImageTags.render(
                settings.tagTemplate(),
                settings.movingTags(),
                new TagInputs(request.service(), context.commit(), request.environment(), context.gitTags()));
        if (!settings.pushesToRegistry()) {
            return image.push(archiveTarget(settings, tags), tags, progress);
        }
        ImageRegistry registry = registries.forHost(settings.registry());
        ImageTarget.Registry target = retry.call("preparing " + settings.registry(), () -> registry.prepare(settings));
        refuseToMoveImmutableTag(registry, target, image, tags);
        PushedImage pushed = retry.call("pushing to " + target.name(), () -> image.push(target, tags, progress));
        registry.confirm(target, tags.immutable(), pushed.digest());
        return pushed;
    }

    /**
     * An immutable tag that exists may only be pushed again with the very same image (a retried step); otherwise the
     * same commit would silently name different content.
     */
    private void refuseToMoveImmutableTag(
            ImageRegistry registry, ImageTarget.Registry target, PreparedImage image, ImageTags tags) {
        Optional<String> existing = retry.call(
                "looking up " + target.name() + ":" + tags.immutable(),
                () -> registry.digestOf(target, tags.immutable()));
        if (existing.isEmpty()) {
            return;
        }
        String rebuilt = retry.call("building " + target.name(), () -> image.digestOf(target));
        if (!rebuilt.equals(existing.get())) {
            throw BuildFailure.permanent(
                    FailureKind.CONFLICT,
                    "tag " + target.name() + ":" + tags.immutable() + " is immutable and already names "
                            + existing.get() + ", but this build gives " + rebuilt + "; the same commit must give the"
                            + " same image. Delete the old tag if it is wrong, or change the tag template.");
        }
    }

    private ImageTarget.Archive archiveTarget(ImageSettings settings, ImageTags tags) {
        String file = settings.repository().replace('/', '_') + "_" + tags.immutable() + ".tar";
        return new ImageTarget.Archive(archiveDirectory.resolve(file), settings.repository());
    }
}
