package dev.ferry.deploy.domain;

import java.util.Objects;

/** One service's deploy (or rollback) step in one environment, with everything needed to carry it out. */
public record DeployRequest(GitOpsTarget target, TagChange change, ClusterTracking tracking) {

    public DeployRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(tracking, "tracking");
    }

    public String stepId() {
        return change.stepId();
    }
}
