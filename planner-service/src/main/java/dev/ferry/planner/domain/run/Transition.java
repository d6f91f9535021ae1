package dev.ferry.planner.domain.run;

import java.util.List;

/**
 * What one input did to a run: the effects to publish, in order, and the steps it changed, in the order it changed
 * them (a step changed twice appears twice). Both empty when the input changed nothing.
 */
public record Transition(List<RunEffect> effects, List<StepChange> steps) {

    public Transition {
        effects = List.copyOf(effects);
        steps = List.copyOf(steps);
    }
}
