package dev.ferry.build.domain;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The in-process build step for one service, top-down: check the commit out, plan the image from its Dockerfile,
 * render the tags, prepare the registry, refuse to move an immutable tag to different content, push, confirm.
 * Running it twice for the same commit pushes nothing new and gives the same digest.
 */
public final class ImageBuildWorkflow {

    private final SourceCheckouts checkouts;
    private final ImageBuilder builder;
    private final Registries registries;
    private final Path archiveDirectory;
    private final Retry retry;
    private final Clock clock;

    public ImageBuildWorkflow(
            SourceCheckouts checkouts,
            ImageBuilder builder,
            Registries registries,
            Path archiveDirectory,
            Retry retry,
            Clock clock) {
        this.checkouts = checkouts;
        this.builder = builder;
        this.registries = registries;
        this.archiveDirectory = archiveDirectory;
        this.retry = retry;
        this.clock = clock;
    }

    public BuiltImage build(BuildRequest request, UploadProgress progress) {
        Instant start = clock.instant();
        PushedImage image = checkouts.withCheckout(
                request.repository(), request.commit(), context -> buildIn(context, request, progress));
        return new BuiltImage(request.service(), request.commit(), image, Duration.between(start, clock.instant()));
    }

    private PushedImage buildIn(BuildContext context, BuildRequest request, UploadProgress progress) {
        ImageSettings settings = request.image();
        ImagePlan plan = BuildPlanner.plan(context, settings);
        ImageTags tags = ImageTags.render(
                settings.tagTemplate(),
                settings.movingTags(),
                new TagInputs(request.service(), request.commit(), request.environment(), context.gitTags()));
        if (!settings.pushesToRegistry()) {
            return builder.push(plan, archiveTarget(settings, tags), tags, progress);
        }
        ImageRegistry registry = registries.forHost(settings.registry());
        ImageTarget.Registry target = retry.call("preparing " + settings.registry(), () -> registry.prepare(settings));
        refuseToMoveImmutableTag(registry, target, plan, tags);
        PushedImage pushed =
                retry.call("pushing to " + target.name(), () -> builder.push(plan, target, tags, progress));
        registry.confirm(target, tags.immutable(), pushed.digest());
        return pushed;
    }

    /**
     * An immutable tag that exists may only be pushed again with the very same image (a retried step); otherwise the
     * same commit would silently name different content.
     */
    private void refuseToMoveImmutableTag(
            ImageRegistry registry, ImageTarget.Registry target, ImagePlan plan, ImageTags tags) {
        Optional<String> existing = retry.call(
                "looking up " + target.name() + ":" + tags.immutable(),
                () -> registry.digestOf(target, tags.immutable()));
        if (existing.isEmpty()) {
            return;
        }
        String rebuilt = retry.call("building " + target.name(), () -> builder.digestOf(plan, target));
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
