package dev.ferry.build.domain;

import java.util.Optional;

/**
 * Moves per-environment tags to verified digests, top-down: prepare the registry, look at what the tag names now,
 * move it only when it names something else, confirm. Running it twice moves nothing the second time.
 */
public final class TagPromotions {

    private final Registries registries;
    private final Retry retry;

    public TagPromotions(Registries registries, Retry retry) {
        this.registries = registries;
        this.retry = retry;
    }

    /** What a promotion did: the tag's full reference and the digest it named before, if it existed. */
    public record Moved(String reference, String digest, Optional<String> previousDigest) {

        /** Whether the tag already named the digest, so nothing was written. */
        public boolean alreadyThere() {
            return previousDigest.equals(Optional.of(digest));
        }
    }

    public Moved promote(TagPromotion promotion) {
        ImageSettings settings = promotion.image();
        ImageRegistry registry = registries.forHost(settings.registry());
        ImageTarget.Registry target = retry.call("preparing " + settings.registry(), () -> registry.prepare(settings));
        String reference = target.name() + ":" + promotion.tag();
        Optional<String> before =
                retry.call("looking up " + reference, () -> registry.digestOf(target, promotion.tag()));
        var moved = new Moved(reference, promotion.digest(), before);
        if (!moved.alreadyThere()) {
            retry.call("moving " + reference, () -> {
                registry.retag(target, promotion.digest(), promotion.tag());
                return moved;
            });
            registry.confirm(target, promotion.tag(), promotion.digest());
        }
        return moved;
    }
}
