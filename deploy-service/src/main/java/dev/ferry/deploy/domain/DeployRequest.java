package dev.ferry.deploy.domain;

import dev.ferry.plan.action.SmokeCheck;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's deploy (or rollback) step in one environment, with everything needed to carry it out.
 *
 * @param checks the smoke checks run once the cluster runs the version; empty for none
 * @param checkDeadline how long the checks are retried
 * @param rollbackTo with {@code onFailure: rollback}, what is restored when the deploy or its checks fail; empty
 *     otherwise
 */
public record DeployRequest(
        GitOpsTarget target,
        TagChange change,
        ClusterTracking tracking,
        List<SmokeCheck> checks,
        Duration checkDeadline,
        Optional<RollbackTarget> rollbackTo) {

    public DeployRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(tracking, "tracking");
        checks = List.copyOf(checks);
        Objects.requireNonNull(checkDeadline, "checkDeadline");
        rollbackTo = rollbackTo == null ? Optional.empty() : rollbackTo;
    }

    /** A step with no smoke checks and no automatic rollback. */
    public DeployRequest(GitOpsTarget target, TagChange change, ClusterTracking tracking) {
        this(target, change, tracking, List.of(), Duration.ZERO, Optional.empty());
    }

    /**
     * The same step restoring {@code version} ({@code tag}, or {@code tag@digest} when the overlay was pinned): a
     * rollback, with no checks, no files to create and no rollback of its own.
     */
    public DeployRequest rolledBackTo(String version) {
        var c = change;
        var back = new TagChange(
                c.service(),
                c.environment(),
                c.migrationId(),
                c.file(),
                c.location(),
                ImageVersion.parse(version),
                true,
                c.stepId() + "/rollback");
        return new DeployRequest(target, back, tracking);
    }

    public String stepId() {
        return change.stepId();
    }
}
