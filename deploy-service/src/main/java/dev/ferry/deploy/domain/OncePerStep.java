package dev.ferry.deploy.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which steps this instance has taken on, so a redelivered {@code phase.started} does not run a step twice.
 * A step is claimed while it runs and marked done once its result is published; a step whose result could not be
 * published is released, so the redelivery that follows runs it again (the GitOps write is idempotent and finds its
 * earlier commit). Bounded: the oldest finished steps are forgotten first.
 */
public final class OncePerStep {

    private enum State {
        RUNNING,
        DONE
    }

    private final Map<String, State> steps;

    public OncePerStep(int capacity) {
        this.steps = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > capacity && eldest.getValue() == State.DONE;
            }
        };
    }

    /** True when the caller should run the step; false when it runs or ran already. */
    public synchronized boolean claim(String stepId) {
        return steps.putIfAbsent(stepId, State.RUNNING) == null;
    }

    public synchronized void done(String stepId) {
        steps.put(stepId, State.DONE);
    }

    public synchronized void release(String stepId) {
        steps.remove(stepId);
    }
}
