package dev.ferry.plan.action;

import dev.ferry.plan.ResolvedDeploy;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.Map;

/**
 * {@code deploy}: the image's tag written to the environment's GitOps file, then followed (deploy-service); once the
 * cluster reports it Synced and Healthy, the phase's smoke {@code checks} run until they pass or {@code checkDeadline}
 * passes, and a failed check fails the step.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): {@code checks.NAME} (one {@link SmokeCheck} line each),
 * {@code checkDeadline}, and {@code onFailure: rollback} when the phase restores the previous tag on failure.
 */
public final class Deploy {
    public static final String CHECKS = "checks";
    public static final String CHECK_DEADLINE = "checkDeadline";
    /** Set by the reader (not a field of its own): the phase's {@code onFailure} when it is {@code rollback}. */
    public static final String ON_FAILURE = "onFailure";

    public static final String ROLLBACK_ON_FAILURE = "rollback";

    static final Action ACTION = Action.named(
                    "deploy", "writes the new image tag into the environment's GitOps file and follows the sync")
            .fields(
                    ActionField.required(
                            "environment", ActionField.Type.ENVIRONMENT, "the environment this phase deploys to"),
                    ActionField.optional(
                            CHECKS,
                            ActionField.Type.TEXT_MAP,
                            "smoke checks run once the deploy is Synced and Healthy, each '[METHOD] URL [STATUS]"
                                    + " [contains TEXT | json PATH=VALUE]' with {service} and {env} in the URL"
                                    + " (health: GET https://{service}.{env}.example.com/health 200 json $.status=UP)"),
                    ActionField.optional(
                            CHECK_DEADLINE,
                            ActionField.Type.DURATION,
                            "how long the checks are retried before the step fails; default 2m"))
            .requires(Requirement.GITOPS, Requirement.BUILD_BEFORE_OR_FIXED_TAG, Requirement.SMOKE_CHECKS)
            .outputs("environment", "imageTag", "imageDigest", "gitopsCommit", "deployMessage")
            .timeout(Duration.ofMinutes(30))
            .undo(Action.Undo.RESTORE_PREVIOUS_TAG)
            .describedAs(Deploy::describe);

    private Deploy() {}

    public static boolean rollsBackOnFailure(Map<String, String> settings) {
        return ROLLBACK_ON_FAILURE.equals(settings.get(ON_FAILURE));
    }

    /** How long the checks are retried: the phase's checkDeadline, 2 minutes when it sets none. */
    public static Duration checkDeadline(Map<String, String> settings) {
        return dev.ferry.plan.DurationText.parse(settings.getOrDefault(CHECK_DEADLINE, "2m"))
                .orElseThrow();
    }

    /** The phase's smoke checks, sorted by name. */
    public static java.util.List<SmokeCheck> checks(Map<String, String> settings) {
        return ActionField.entries(settings, CHECKS).entrySet().stream()
                .map(e -> SmokeCheck.parse(e.getKey(), e.getValue()))
                .toList();
    }

    private static String describe(StepContext step) {
        ResolvedDeploy target = GitOpsSentence.target(step);
        return GitOpsSentence.where(target, step.service()) + fixedTag(step) + " ("
                + GitOpsSentence.follow(target, step.service()) + ")";
    }

    /** A deploy with no build before it deploys the image's tag template as a fixed release tag. */
    private static String fixedTag(StepContext step) {
        if (step.before().contains(Build.ACTION) || step.service().image() == null) {
            return "";
        }
        return " := "
                + TemplateText.fill(
                        step.service().image().tagTemplate(),
                        Map.of("service", step.service().name()));
    }
}
