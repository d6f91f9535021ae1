package dev.ferry.planner.app;

import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunView;
import java.util.List;

/** Told after each committed change of a run (status streams, metrics). */
public interface RunObserver {

    void changed(RunView view, List<RunEffect> effects);
}
