package dev.ferry.planner.domain.run;

/**
 * Results of a service's earlier steps handed to the worker of its next step, so no worker reads another's state.
 *
 * @param deployedTag for a deploy, the tag the environment ran before; for a rollback, the tag to restore
 */
public record PriorResults(
        String splitCommit, String imageReference, String imageDigest, String imageTag, String deployedTag) {

    static PriorResults none() {
        return new PriorResults(null, null, null, null, null);
    }
}
