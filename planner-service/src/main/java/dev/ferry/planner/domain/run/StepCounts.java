package dev.ferry.planner.domain.run;

import java.util.List;

/** How many of a group of steps (a phase's) are in each state. */
final class StepCounts {
    private final int[] byState = new int[StepState.values().length];

    static StepCounts of(List<Step> steps) {
        var counts = new StepCounts();
        steps.forEach(step -> counts.add(step.state(), 1));
        return counts;
    }

    void add(StepState state, int change) {
        byState[state.ordinal()] += change;
    }

    int of(StepState state) {
        return byState[state.ordinal()];
    }

    int total() {
        int total = 0;
        for (int count : byState) {
            total += count;
        }
        return total;
    }

    /** Whether every step ended (true when there are none). */
    boolean ended() {
        for (StepState state : StepState.values()) {
            if (!state.isTerminal() && of(state) > 0) {
                return false;
            }
        }
        return true;
    }
}
