package dev.ferry.deploy.traffic;

import java.util.Optional;

/** The GitOps file that holds a shift's route: its weight read back, and each new weight written as one commit. */
public interface RouteFiles {

    /** The new backend's weight as the branch holds it now. */
    int weight(ShiftRequest request);

    /**
     * Commits the weight (the other backend gets the rest) and pushes it.
     *
     * @return the commit, or empty when the branch held that weight already
     */
    Optional<String> write(ShiftRequest request, int weight);
}
