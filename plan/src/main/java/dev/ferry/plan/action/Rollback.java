package dev.ferry.plan.action;

import dev.ferry.plan.ResolvedDeploy;
import java.time.Duration;

/**
 * {@code rollback}: how a rollback command for the phase's environment is carried out: the tag deployed before goes
 * back into the GitOps file (deploy-service). Never runs in the forward flow, and is not retried: the person who
 * asked for it decides what comes next.
 */
final class Rollback {
    static final Action ACTION = Action.named(
                    "rollback",
                    "runs only on a rollback command: puts the tag deployed before back into the environment's GitOps file")
            .fields(ActionField.required(
                    "environment", ActionField.Type.ENVIRONMENT, "the environment whose rollbacks this phase runs"))
            .requires(Requirement.GITOPS)
            .outputs("environment", "imageTag", "gitopsCommit", "deployMessage")
            .timeout(Duration.ofMinutes(30))
            .notRetryable()
            .onDemandOnly()
            .describedAs(Rollback::describe);

    private Rollback() {}

    private static String describe(StepContext step) {
        ResolvedDeploy target = GitOpsSentence.target(step);
        return "restore the previous tag in " + GitOpsSentence.where(target, step.service()) + " ("
                + GitOpsSentence.follow(target, step.service()) + ")";
    }
}
