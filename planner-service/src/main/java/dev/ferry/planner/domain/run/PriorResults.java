package dev.ferry.planner.domain.run;

import java.util.Map;

/**
 * Results of a service's earlier steps handed to the worker of its next step, so no worker reads another's state.
 *
 * @param outputs every output of the service's earlier successful steps by name; a later step's output wins
 * @param deployedTag for a step in an environment, the version the environment runs now; for a rollback, the version
 *     to restore. A version is a tag, {@code tag@digest} when the deploy pinned the image
 */
public record PriorResults(Map<String, String> outputs, String deployedTag) {

    public PriorResults {
        outputs = Map.copyOf(outputs);
    }

    public String output(String name) {
        return outputs.get(name);
    }

    /** The same results, restoring another tag (a rollback). */
    PriorResults restoring(String tag) {
        return new PriorResults(outputs, tag);
    }
}
