package dev.ferry.plan.action;

import dev.ferry.plan.ResolvedDeploy;
import dev.ferry.plan.TemplateText;
import java.time.Duration;
import java.util.Map;

/** {@code deploy}: the image's tag written to the environment's GitOps file, then followed (deploy-service). */
final class Deploy {
    static final Action ACTION = Action.named(
                    "deploy", "writes the new image tag into the environment's GitOps file and follows the sync")
            .fields(ActionField.required(
                    "environment", ActionField.Type.ENVIRONMENT, "the environment this phase deploys to"))
            .requires(Requirement.GITOPS, Requirement.BUILD_BEFORE_OR_FIXED_TAG)
            .outputs("environment", "imageTag", "gitopsCommit", "deployMessage")
            .timeout(Duration.ofMinutes(30))
            .undo(Action.Undo.RESTORE_PREVIOUS_TAG)
            .describedAs(Deploy::describe);

    private Deploy() {}

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
