package dev.ferry.plan.action;

import dev.ferry.plan.TargetRepositoryDefinition;
import java.time.Duration;

/** {@code split}: a service's directory, with its history, into its own repository (repo-service). */
final class Split {
    static final Action ACTION = Action.named(
                    "split",
                    "copies each service's directory (or its several paths, each to its place), with its history, into"
                            + " its own repository")
            .requires(Requirement.SOURCE, Requirement.SERVICE_PATH, Requirement.TARGET_REPOSITORY)
            .outputs("splitCommit", "targetRepository")
            .timeout(Duration.ofHours(2))
            .describedAs(Split::describe);

    private Split() {}

    private static String describe(StepContext step) {
        TargetRepositoryDefinition target = step.service().target();
        String path = !step.service().paths().isEmpty()
                ? String.join(
                        ", ",
                        step.service().paths().stream().map(Object::toString).toList())
                : step.service().path().isEmpty()
                        ? "whole repository"
                        : step.service().path();
        return path + " -> " + target.repository() + " (branch " + target.defaultBranch() + ")";
    }
}
