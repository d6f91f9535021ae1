package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Transition;
import java.util.function.Supplier;

/** Told after each change of a run (status streams, metrics); within a poll's batch, before the batch commits. */
public interface RunObserver {

    /**
     * @param view the run as it is now, built when asked for (it copies every step: call it before returning, and
     *     only when someone needs it)
     * @param transition what the change published and which steps it changed
     */
    void changed(String migrationId, Supplier<RunView> view, Transition transition);
}
