package dev.ferry.planner.domain.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's forward steps, kept so that the checks made after every input cost no scan of every step: by key, by phase
 * in service order, counted by state per phase, and ordered by the instant each is due (a retry, a wait's end, a
 * deadline). With thousands of services, those scans were most of the planner's work per event.
 */
final class RunSteps {
    private final Map<StepKey, Step> byKey = new LinkedHashMap<>();
    private final Map<StepKey, Step> readOnly = Collections.unmodifiableMap(byKey);
    private final Map<String, PhaseSteps> byPhase = new LinkedHashMap<>();
    /** How many steps fall due at each instant: the first key says whether any is due. */
    private final TreeMap<Instant, Integer> due = new TreeMap<>();

    /** Adds a step at the end of its phase; a run adds its steps in plan order, then only replaces them. */
    void add(Step step) {
        byKey.put(step.key(), step);
        byPhase.computeIfAbsent(step.key().phase(), phase -> new PhaseSteps()).add(step);
    }

    /** Puts a step's new value in the place of its old one, and returns the old one. */
    Step replace(Step step) {
        Step before = byKey.put(step.key(), step);
        if (before == null) {
            throw new IllegalArgumentException("no step " + step.key() + " in the run");
        }
        byPhase.get(step.key().phase()).replace(before, step);
        byPhase.values().forEach(steps -> steps.touch(step.key().service()));
        count(due, earliestChange(before), -1);
        count(due, earliestChange(step), 1);
        return before;
    }

    Step get(StepKey key) {
        return byKey.get(key);
    }

    /** The service's step in the phase, or null when the phase does not run for it; found without a StepKey. */
    Step get(String phase, String service) {
        PhaseSteps steps = byPhase.get(phase);
        return steps == null ? null : steps.of(service);
    }

    /** Every step by key, in plan order (phase by phase, services in order). */
    Map<StepKey, Step> byKey() {
        return readOnly;
    }

    /** The phase's steps in service order; empty for a phase that runs for no service. */
    List<Step> ofPhase(String phase) {
        PhaseSteps steps = byPhase.get(phase);
        return steps == null ? List.of() : steps.readOnly;
    }

    /** How many of the phase's steps are in this state. */
    int count(String phase, StepState state) {
        PhaseSteps steps = byPhase.get(phase);
        return steps == null ? 0 : steps.counts.of(state);
    }

    /**
     * The phase's pending steps, in service order, of the services with a step changed (in any phase) since the last
     * call for this phase; at first, all of them. The only steps whose readiness can have changed, when a step's
     * readiness depends on its own service's steps alone.
     */
    List<Step> pendingTouched(String phase) {
        PhaseSteps steps = byPhase.get(phase);
        return steps == null ? List.of() : steps.pendingTouched();
    }

    /** How many of the phase's steps are in each state. */
    StepCounts counts(String phase) {
        PhaseSteps steps = byPhase.get(phase);
        return steps == null ? new StepCounts() : steps.counts;
    }

    /** Whether every step of the phase ended (true for a phase with no steps). */
    boolean ended(String phase) {
        return counts(phase).ended();
    }

    /** Whether every step of the run ended. */
    boolean allEnded() {
        return byPhase.values().stream().allMatch(steps -> steps.counts.ended());
    }

    /** Whether a step's retry pause, wait or deadline is over at {@code now}: only then is a scan for them useful. */
    boolean anyDueBy(Instant now) {
        return !due.isEmpty() && !due.firstKey().isAfter(now);
    }

    /** The first instant at which the step changes by itself, whichever of its retry, wake-up or deadline it is. */
    private static Instant earliestChange(Step step) {
        return switch (step.state()) {
            case RETRY_WAIT -> step.retryAt();
            case STARTED -> earlier(step.wakeAt(), step.deadline());
            default -> null;
        };
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private static void count(TreeMap<Instant, Integer> due, Instant at, int change) {
        if (at != null) {
            due.merge(at, change, (was, delta) -> was + delta == 0 ? null : was + delta);
        }
    }

    /** One phase's steps in service order, with their number in each state. */
    private static final class PhaseSteps {
        private final List<Step> steps = new ArrayList<>();
        private final List<Step> readOnly = Collections.unmodifiableList(steps);
        private final Map<String, Integer> positions = new HashMap<>();
        private final StepCounts counts = new StepCounts();
        /** Positions of the steps whose service changed since {@link #pendingTouched} last looked. */
        private final BitSet touched = new BitSet();

        void add(Step step) {
            positions.put(step.key().service(), steps.size());
            touched.set(steps.size());
            steps.add(step);
            counts.add(step.state(), 1);
        }

        void touch(String service) {
            Integer position = positions.get(service);
            if (position != null) {
                touched.set(position);
            }
        }

        List<Step> pendingTouched() {
            var pending = new ArrayList<Step>();
            touched.stream()
                    .mapToObj(steps::get)
                    .filter(step -> step.state() == StepState.PENDING)
                    .forEach(pending::add);
            touched.clear();
            return pending;
        }

        Step of(String service) {
            Integer position = positions.get(service);
            return position == null ? null : steps.get(position);
        }

        void replace(Step before, Step step) {
            steps.set(positions.get(step.key().service()), step);
            counts.add(before.state(), -1);
            counts.add(step.state(), 1);
        }
    }
}
