package dev.ferry.plan.action;

/**
 * Something a step of an action needs from the plan, checked by the reader once defaults are applied so that a run
 * never stops half way for a setting the plan could have been checked for. Actions share requirements, so a new
 * action that needs what an existing one needs adds no check.
 */
public enum Requirement {
    /** The plan's {@code source} repository. */
    SOURCE,
    /** Each service's directory in the source repository. */
    SERVICE_PATH,
    /** Each service's target repository. */
    TARGET_REPOSITORY,
    /** Each service's image repository. */
    IMAGE_REPOSITORY,
    /** A split phase among the phases this one depends on, directly or not. */
    SPLIT_BEFORE,
    /** GitOps settings for the phase's environment and a file path for each service. */
    GITOPS,
    /** A build phase before it, unless the image tag template names a fixed release. */
    BUILD_BEFORE_OR_FIXED_TAG,
    /**
     * Each file template's placeholders have a value for every service the phase runs for, and a template read from
     * the source has a source to be read from.
     */
    FILE_TEMPLATES,
    /**
     * A restructure's moves and deletions name relative paths inside the repository, no two moves end at one path, and
     * its rewrite rules are regular expressions.
     */
    RESTRUCTURE_RULES,
    /**
     * A job has what the place it runs on needs: an image or a build phase before it (local and kubernetes), a
     * workflow (github-actions), and no field of another place; its variables are names a shell accepts, and
     * {@code expectOutput} is a regular expression.
     */
    JOB_SETTINGS,
    /**
     * A traffic shift's steps are weights within 0-100 that increase, each query has a condition that parses (and each
     * condition a query), and the route kinds that name backends are told which one is new.
     */
    TRAFFIC_STEPS,
    /**
     * Each repository a merge brings in is written {@code URL[#branch] -> directory}, the directory relative and inside
     * the repository, and no two directories one inside the other.
     */
    MERGE_REPOSITORIES,
    /** Each smoke check is one line deploy-service can run: an http(s) URL, a status, a body match that parses. */
    SMOKE_CHECKS,
    /**
     * A deploy phase to the phase's environment among the phases it depends on, directly or not, so what it acts on
     * has been verified there; and its {@code tag} uses only {@code {service}} and {@code {env}} and fills in as an
     * image tag.
     */
    DEPLOY_BEFORE
}
