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
        return lookUp(request).orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        "GitHub Actions run " + run.url() + " succeeded, but "
                                + target(request).name() + ":" + tags(request).immutable()
                                + " is not in the registry; check the workflow's tag")
                .withDetailsUrl(run.url()));
    }

    /**
     * The image CI already pushed for the request's commit, if its immutable tag is in the registry: the evidence that
     * the commit was built, for a step that starts after its workflow ran (a plan run again on a built commit).
     */
    public Optional<PushedImage> existing(BuildRequest request) {
        return lookUp(request);
    }

    private Optional<PushedImage> lookUp(BuildRequest request) {
        ImageTags tags = tags(request);
        ImageRegistry registry = registries.forHost(request.image().registry());
        ImageTarget.Registry target = registry.prepare(request.image());
        Optional<String> found = registry.digestOf(target, tags.immutable());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String digest = found.get();
        var present = new ArrayList<String>();
        present.add(tags.immutable());
        for (String moving : tags.moving()) {
            if (registry.digestOf(target, moving).equals(Optional.of(digest))) {
                present.add(moving);
            }
        }
        // CI pushed the bytes, so what it uploaded is unknown here: sizes and counts are left at zero.
        return Optional.of(new PushedImage(target.name() + "@" + digest, digest, present, 0, 0, 0, 0));
    }

    private ImageTarget.Registry target(BuildRequest request) {
        return registries.forHost(request.image().registry()).prepare(request.image());
    }

    private static ImageTags tags(BuildRequest request) {
        ImageSettings settings = request.image();
        return ImageTags.render(
                settings.tagTemplate(),
                settings.movingTags(),
                new TagInputs(request.service(), request.commit(), request.environment(), java.util.List.of()));
    }
}
