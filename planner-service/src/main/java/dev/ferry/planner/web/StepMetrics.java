package dev.ferry.planner.web;

import dev.ferry.planner.app.RunObserver;
import dev.ferry.planner.domain.run.RunEffect;
import dev.ferry.planner.domain.run.RunView;
import dev.ferry.planner.domain.run.Step;
import dev.ferry.planner.domain.run.StepChange;
import dev.ferry.planner.domain.run.StepState;
import dev.ferry.planner.domain.run.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * Prometheus metrics of runs: steps started, succeeded and failed by action, step durations, commands rejected,
 * worker results dropped. A step is counted when a change gives it a new state or a new attempt.
 */
final class StepMetrics implements RunObserver {

    private final MeterRegistry registry;

    StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void changed(String migrationId, Supplier<RunView> view, Transition transition) {
        for (StepChange change : transition.steps()) {
            if (change.before() == null || moved(change.before(), change.after())) {
                count(change.action().name().toLowerCase(), change.after());
            }
        }
        for (RunEffect effect : transition.effects()) {
            if (effect instanceof RunEffect.CommandRefused refused) {
                Counter.builder("ferry.commands.rejected")
                        .tag("command", refused.command())
                        .register(registry)
                        .increment();
            } else if (effect instanceof RunEffect.ResultDropped) {
                Counter.builder("ferry.results.dropped").register(registry).increment();
            }
        }
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
