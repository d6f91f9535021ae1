package dev.ferry.planner.web;

import dev.ferry.planner.app.RunObserver;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Step;
import dev.ferry.planner.domain.run.StepKey;
import dev.ferry.planner.domain.run.StepState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of runs: steps started, succeeded and failed by action, step durations, commands rejected. A
 * step is counted when its state changes, which the observer sees by comparing each run's steps with the last view.
 */
final class StepMetrics implements RunObserver {

    private final MeterRegistry registry;
    /** Each run's phases as last seen, by phase name: a phase's steps keep their positions from view to view. */
    private final Map<String, Map<String, List<Step>>> lastSeen = new ConcurrentHashMap<>();

    StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void changed(RunView view, List<RunEffect> effects) {
        Map<String, List<Step>> last = lastSeen.computeIfAbsent(view.id(), id -> new ConcurrentHashMap<>());
        for (RunView.PhaseView phase : view.phases()) {
            String action = phase.action().name().toLowerCase();
            List<Step> before = last.getOrDefault(phase.name(), List.of());
            List<Step> steps = phase.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                // Steps are immutable values: an unchanged step is the same object, so most comparisons are one ==.
                Step was = i < before.size() ? before.get(i) : null;
                if (was != step) {
                    was = was != null && was.key().equals(step.key()) ? was : find(before, step.key());
                    if (was == null || moved(was, step)) {
                        count(action, step);
                    }
                }
            }
            last.put(phase.name(), steps);
        }
        for (RunEffect effect : effects) {
            if (effect instanceof RunEffect.CommandRefused refused) {
                Counter.builder("ferry.commands.rejected")
                        .tag("command", refused.command())
                        .register(registry)
                        .increment();
            }
        }
        if (view.state().isFinal()) {
            lastSeen.remove(view.id());
        }
    }

    /** The step with this key among those last seen, should a phase's steps ever change places. */
    private static Step find(List<Step> steps, StepKey key) {
        return steps.stream().filter(step -> step.key().equals(key)).findFirst().orElse(null);
    }

    /** A new state, or the same state in a new attempt (a retry started again). */
    private static boolean moved(Step before, Step now) {
        return before.state() != now.state() || before.attempt() != now.attempt();
    }

    private void count(String action, Step step) {
        switch (step.state()) {
            case STARTED -> counter("ferry.steps.started", action).increment();
            case SUCCEEDED, FAILED -> {
                counter(step.state() == StepState.SUCCEEDED ? "ferry.steps.succeeded" : "ferry.steps.failed", action)
                        .increment();
                step.duration().ifPresent(duration -> Timer.builder("ferry.step.duration")
                        .tag("action", action)
                        .tag("outcome", step.state().name().toLowerCase())
                        .publishPercentileHistogram()
                        .register(registry)
                        .record(duration));
            }
            default -> {}
        }
    }

    private Counter counter(String name, String action) {
        return Counter.builder(name).tag("action", action).register(registry);
    }
}
