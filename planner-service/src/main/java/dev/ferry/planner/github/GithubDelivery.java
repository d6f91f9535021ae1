package dev.ferry.planner.github;

import java.util.Objects;

/**
 * A GitHub webhook delivery whose signature was verified, reduced to what the planner routes on; the rest stays in
 * {@code payload} (see {@link EventDetails#of} for the event-specific fields).
 *
 * @param deliveryId {@code X-GitHub-Delivery}; the same for a redelivery of the same event
 * @param eventType {@code X-GitHub-Event}: push, workflow_run, registry_package or repository
 * @param repository {@code repository.full_name}, owner/name
 * @param ref push: the full ref ({@code refs/heads/main}); workflow_run: {@code head_branch} as GitHub gives it (a
 *     branch name, or a tag name for a run a tag started); otherwise null
 * @param headCommit push: {@code after} (null when the push deleted the ref); workflow_run: {@code head_sha};
 *     otherwise null
 * @param action the payload's {@code action} (completed, published, archived ...); null for push
 * @param defaultBranch {@code repository.default_branch}, null when the payload lacks it
 * @param payload the JSON body as GitHub sent it
 */
public record GithubDelivery(
        String deliveryId,
        String eventType,
        String repository,
        String ref,
        String headCommit,
        String action,
        String defaultBranch,
        String payload) {

    private static final String BRANCH_PREFIX = "refs/heads/";

    public GithubDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(payload, "payload");
    }

    /** True for a push that moved (or created) the repository's default branch: what starts continuous delivery. */
    public boolean isPushToDefaultBranch() {
        return SupportedEvent.PUSH.headerValue().equals(eventType)
                && headCommit != null
                && defaultBranch != null
                && (BRANCH_PREFIX + defaultBranch).equals(ref);
    }

    /** Leaves the payload out: it can be megabytes and is not for logs. */
    @Override
    public String toString() {
        return "GithubDelivery[deliveryId=%s, eventType=%s, repository=%s, ref=%s, headCommit=%s, action=%s, defaultBranch=%s, payload=%d chars]"
                .formatted(deliveryId, eventType, repository, ref, headCommit, action, defaultBranch, payload.length());
    }
}
