package dev.ferry.planner.github;

/**
 * The event-specific fields of a delivery that {@link GithubDelivery} does not carry as components, read from its
 * payload on demand (the record's shape is shared with the planner's persistence and the {@code github.webhooks}
 * contract, which have no room for them).
 */
public sealed interface EventDetails {

    static EventDetails of(GithubDelivery delivery) {
        return DeliveryParser.details(delivery);
    }

    /**
     * @param before the commit the ref pointed at before the push ({@code 0000...} when the push created it)
     * @param created the push created the ref
     * @param deleted the push deleted the ref; {@link GithubDelivery#headCommit()} is then null
     * @param forced the push was a force push
     */
    record Push(String before, boolean created, boolean deleted, boolean forced) implements EventDetails {}

    /**
     * @param runId {@code workflow_run.id}
     * @param workflowName {@code workflow_run.name}
     * @param triggeringEvent what started the run (push, pull_request ...)
     * @param status requested, in_progress, completed ...
     * @param conclusion success, failure, cancelled ...; null until the run completed
     * @param runAttempt 1 for the first attempt, more for re-runs
     */
    record WorkflowRun(
            long runId, String workflowName, String triggeringEvent, String status, String conclusion, int runAttempt)
            implements EventDetails {}

    /**
     * @param packageName {@code registry_package.name}
     * @param packageType CONTAINER, npm, maven ...
     * @param version {@code package_version.version} (for a container image, its digest)
     * @param containerTag the image tag the version was published under; null for other packages
     */
    record RegistryPackage(String packageName, String packageType, String version, String containerTag)
            implements EventDetails {}

    /** @param archived the repository is archived after this change */
    record RepositoryChange(boolean archived) implements EventDetails {}
}
