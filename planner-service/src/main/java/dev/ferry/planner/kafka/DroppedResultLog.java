package dev.ferry.planner.kafka;

import dev.ferry.planner.app.RunObserver;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Transition;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log why a worker's result changed nothing: a late answer of an earlier attempt, a repeat, or a result
 * no step of the run asked for (a forged one among them). An operator looking at a step that will not move starts here.
 */
public final class DroppedResultLog implements RunObserver {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedResultLog.class);

    @Override
    public void changed(String migrationId, Supplier<RunView> view, Transition transition) {
        for (RunEffect effect : transition.effects()) {
            if (effect instanceof RunEffect.ResultDropped dropped) {
                LOG.warn(
                        "run {}: dropped a result for step {}/{} (attempt {}): {}",
                        migrationId,
                        dropped.phase(),
                        dropped.service(),
                        dropped.attempt(),
                        dropped.reason());
            }
        }
    }
}
