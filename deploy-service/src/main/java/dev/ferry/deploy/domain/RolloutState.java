package dev.ferry.deploy.domain;

import java.util.List;

/**
 * A Deployment's rollout as its status and its pods tell it.
 *
 * @param readyPodsAtVersion pods whose container runs the new version and is ready; checked beside the counters
 *     because right after the patch the counters still describe the previous rollout
 * @param problems what the new pods report: waiting reasons such as CrashLoopBackOff or ImagePullBackOff, failing
 *     probes, the Deployment's ProgressDeadlineExceeded condition; each names the pod and container
 * @param fatal whether one of the problems will not heal by waiting (bad image, crash loop, deadline exceeded)
 */
public record RolloutState(
        long generation,
        long observedGeneration,
        int replicas,
        int updatedReplicas,
        int availableReplicas,
        int readyPodsAtVersion,
        List<String> problems,
        boolean fatal) {

    public RolloutState {
        problems = List.copyOf(problems);
    }

    boolean complete() {
        return observedGeneration >= generation
                && updatedReplicas >= replicas
                && availableReplicas >= replicas
                && readyPodsAtVersion >= replicas;
    }

    String describe() {
        return updatedReplicas + "/" + replicas + " updated, " + availableReplicas + "/" + replicas + " available"
                + (problems.isEmpty() ? "" : ": " + String.join("; ", problems));
    }
}
