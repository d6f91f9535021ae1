package dev.ferry.planner.domain.run;

import java.util.List;

/** What one input did to a run: the effects to publish, in order. Empty when the input changed nothing. */
public record Transition(List<RunEffect> effects) {

    public Transition {
        effects = List.copyOf(effects);
    }
}
