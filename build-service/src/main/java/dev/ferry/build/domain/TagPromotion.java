package dev.ferry.build.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One service's per-environment tag ({@code user-service-staging}) to be pointed at the digest that environment
 * verified.
 *
 * @param image the plan's image settings: where the repository is and with which credentials
 * @param tag the tag to move, already filled in
 * @param digest the verified image, {@code sha256:<64 hex>}
 */
public record TagPromotion(String service, ImageSettings image, String tag, String digest) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public TagPromotion {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        if (!image.pushesToRegistry()) {
            throw invalid(service, "has no registry in the plan, so there is no tag to move");
        }
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw invalid(service, "would get tag '" + tag + "', which is not a valid image tag");
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw invalid(
                    service,
                    "has no verified digest to tag (got "
                            + Optional.ofNullable(digest).orElse("none")
                            + "); the deploy phase before must report imageDigest");
        }
    }

    private static BuildFailure invalid(String service, String problem) {
        return BuildFailure.permanent(FailureKind.INVALID_INPUT, "service " + service + " " + problem);
    }
}
