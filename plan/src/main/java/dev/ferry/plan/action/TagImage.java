package dev.ferry.plan.action;

import dev.ferry.plan.ImageDefinition;
import dev.ferry.plan.Placeholder;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code tag-image}: points a per-environment tag ({@code {service}-{env}}) at the digest a deploy to that environment
 * verified (build-service copies the image's manifest under the tag; no layer moves). The phase depends on that deploy,
 * so a service whose deploy or smoke checks failed has its step skipped and its tag stays where it was.
 *
 * <p>On the wire: {@code tag} in {@code PhaseStarted.settings}, the phase's environment, and the digest as
 * {@code prior.imageDigest} (the deploy's output).
 */
public final class TagImage {
    /** Field: the tag to move, {@code {service}} and {@code {env}} filled in. */
    public static final String TAG = "tag";

    /** Output: the tag, as a full reference, that now names the verified image. */
    public static final String PROMOTED_TAG = "promotedTag";

    /** Output: the digest the tag pointed at before, or empty when it did not exist. */
    public static final String PREVIOUS_DIGEST = "previousDigest";

    /** The placeholders a tag may use: both are known before the run starts. */
    public static final Set<Placeholder> PLACEHOLDERS = EnumSet.of(Placeholder.SERVICE, Placeholder.ENV);

    private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    static final Action ACTION = Action.named(
                    "tag-image",
                    "points a per-environment image tag at the digest a deploy to that environment verified")
            .fields(
                    ActionField.required(
                            "environment",
                            ActionField.Type.ENVIRONMENT,
                            "the environment whose verified deploy the tag follows; a deploy phase to it must come"
                                    + " before"),
                    ActionField.required(
                            TAG,
                            ActionField.Type.TEXT,
                            "the tag to move, with {service} and {env}, e.g. {service}-{env}; never the build's"
                                    + " immutable tag"))
            .requires(Requirement.IMAGE_REPOSITORY, Requirement.DEPLOY_BEFORE)
            .outputs(PROMOTED_TAG, "imageDigest", PREVIOUS_DIGEST)
            .timeout(Duration.ofMinutes(10))
            .describedAs(TagImage::describe);

    private TagImage() {}

    /** The tag for one service in one environment. */
    public static String tagFor(String template, String service, String environment) {
        return TemplateText.fill(template, Map.of("service", service, "env", environment));
    }

    /** What is wrong with a tag template, or empty: unknown placeholders, or a result that is no OCI tag. */
    public static Optional<String> problem(String template) {
        return TemplateText.problem(template, PLACEHOLDERS)
                .map(problem -> "tag " + problem)
                .or(() -> OCI_TAG.matcher(tagFor(template, "service", "env")).matches()
                        ? Optional.empty()
                        : Optional.of("tag \"" + template + "\" is not a valid image tag once filled in (letters,"
                                + " digits, _ . -, at most 128, not starting with . or -)"));
    }

    private static String describe(StepContext step) {
        ImageDefinition image = step.service().image();
        String tag = tagFor(
                step.phase().settings().get(TAG),
                step.service().name(),
                step.phase().environment());
        return "point " + image.registry() + "/" + image.repository() + ":" + tag + " at the digest "
                + step.phase().environment() + " verified";
    }
}
