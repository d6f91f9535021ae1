package dev.ferry.deploy.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The image version a deploy writes into the GitOps repository: an OCI tag, and the digest it points at when known.
 *
 * @param tag tag as the OCI distribution spec allows it, e.g. {@code user-service-3f2a9c1}
 * @param digest {@code sha256:...} digest of the image, when the build reported it
 */
public record ImageVersion(String tag, Optional<String> digest) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImageVersion {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw StepFailure.invalid("image tag '" + tag
                    + "' is not a valid OCI tag (letters, digits, '_', '.', '-', at most 128, not starting with"
                    + " '.' or '-')");
        }
        digest = digest == null ? Optional.empty() : digest;
        digest.ifPresent(d -> {
            if (!DIGEST.matcher(d).matches()) {
                throw StepFailure.invalid("image digest '" + d + "' is not a sha256:<64 hex> digest");
            }
        });
    }

    public static ImageVersion tagged(String tag) {
        return new ImageVersion(tag, Optional.empty());
    }

    public static ImageVersion of(String tag, String digestOrNull) {
        return new ImageVersion(tag, Optional.ofNullable(digestOrNull));
    }

    /** A version as {@link #toString()} writes it: {@code tag}, or {@code tag@sha256:...} when pinned. */
    public static ImageVersion parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        return at < 0 ? tagged(text) : of(text.substring(0, at), text.substring(at + 1));
    }

    @Override
    public String toString() {
        return digest.map(d -> tag + "@" + d).orElse(tag);
    }
}
