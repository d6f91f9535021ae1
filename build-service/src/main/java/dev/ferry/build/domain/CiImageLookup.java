package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.Optional;

/**
 * After a repository's CI reports success, finds the image it should have pushed: the immutable tag must exist (its
 * digest is the result) and moving tags are reported only where they point at the same image.
 */
public final class CiImageLookup {

    private final Registries registries;

    public CiImageLookup(Registries registries) {
        this.registries = registries;
    }

    public PushedImage find(BuildRequest request, WorkflowRun run) {
        ImageSettings settings = request.image();
        ImageTags tags = ImageTags.render(
                settings.tagTemplate(),
                settings.movingTags(),
                new TagInputs(request.service(), request.commit(), request.environment(), java.util.List.of()));
        ImageRegistry registry = registries.forHost(settings.registry());
        ImageTarget.Registry target = registry.prepare(settings);
        String digest = registry.digestOf(target, tags.immutable()).orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        "GitHub Actions run " + run.url() + " succeeded, but " + target.name() + ":" + tags.immutable()
                                + " is not in the registry; check the workflow's tag")
                .withDetailsUrl(run.url()));
        var present = new ArrayList<String>();
        present.add(tags.immutable());
        for (String moving : tags.moving()) {
            if (registry.digestOf(target, moving).equals(Optional.of(digest))) {
                present.add(moving);
            }
        }
        // CI pushed the bytes, so what it uploaded is unknown here: sizes and counts are left at zero.
        return new PushedImage(target.name() + "@" + digest, digest, present, 0, 0, 0, 0);
    }
}
