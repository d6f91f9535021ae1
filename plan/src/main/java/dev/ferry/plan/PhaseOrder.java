package dev.ferry.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which phases run: every phase after the phases it depends on, and otherwise in the order the plan
 * declares them, so that the same plan always prints and runs the same way. Works on names (phase name to the names it
 * depends on, in declaration order) so the plan reader can use it before any {@link PhaseDefinition} exists.
 */
public final class PhaseOrder {

    private PhaseOrder() {}

    /** The phases in running order. Fails on a cycle or a dependency on a phase that is not in the list. */
    public static List<PhaseDefinition> of(List<PhaseDefinition> phases) {
        var graph = new LinkedHashMap<String, List<String>>();
        var byName = new HashMap<String, PhaseDefinition>();
        for (PhaseDefinition phase : phases) {
            graph.put(phase.name(), phase.dependsOn());
            byName.put(phase.name(), phase);
        }
        return names(graph).stream().map(byName::get).toList();
    }

    /** The phase names in running order; {@code dependsOn} must name only its own keys and hold no cycle. */
    public static List<String> names(Map<String, List<String>> dependsOn) {
        findCycle(dependsOn).ifPresent(cycle -> {
            throw new IllegalArgumentException("phases depend on each other in a cycle: " + String.join(" -> ", cycle));
        });
        var done = new LinkedHashSet<String>();
        while (done.size() < dependsOn.size()) {
            done.add(firstReady(dependsOn, done));
        }
        return List.copyOf(done);
    }

    /**
     * The first cycle met when walking the phases in declaration order, as names from a phase back to itself
     * ({@code [split, build, split]}); empty when there is none. Dependencies on unknown names are ignored.
     */
    public static Optional<List<String>> findCycle(Map<String, List<String>> dependsOn) {
        return findCycles(dependsOn).stream().findFirst();
    }

    /**
     * Every cycle met when walking the phases in declaration order, one per dependency that closes a loop, so that a
     * plan with two separate loops hears about both at once.
     */
    public static List<List<String>> findCycles(Map<String, List<String>> dependsOn) {
        var cycles = new ArrayList<List<String>>();
        var finished = new HashSet<String>();
        for (String start : dependsOn.keySet()) {
            walk(start, dependsOn, new ArrayList<>(), finished, cycles);
        }
        return cycles;
    }

    /** Every phase {@code phase} waits for, directly or through others. */
    public static Set<String> upstream(Map<String, List<String>> dependsOn, String phase) {
        var seen = new LinkedHashSet<String>();
        Deque<String> todo = new ArrayDeque<>(dependsOn.getOrDefault(phase, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(dependsOn.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }

    private static String firstReady(Map<String, List<String>> dependsOn, Set<String> done) {
        for (Map.Entry<String, List<String>> phase : dependsOn.entrySet()) {
            if (!done.contains(phase.getKey()) && done.containsAll(phase.getValue())) {
                return phase.getKey();
            }
        }
        throw new IllegalArgumentException("phases depend on undeclared phases " + missing(dependsOn));
    }

    private static Set<String> missing(Map<String, List<String>> dependsOn) {
        var unknown = new LinkedHashSet<String>();
        dependsOn.values().forEach(unknown::addAll);
        unknown.removeAll(dependsOn.keySet());
        return unknown;
    }

    private static void walk(
            String phase,
            Map<String, List<String>> dependsOn,
            List<String> path,
            Set<String> finished,
            List<List<String>> cycles) {
        int seenAt = path.indexOf(phase);
        if (seenAt >= 0) {
            var cycle = new ArrayList<>(path.subList(seenAt, path.size()));
            cycle.add(phase);
            cycles.add(List.copyOf(cycle));
            return;
        }
        if (finished.contains(phase) || !dependsOn.containsKey(phase)) {
            return;
        }
        path.add(phase);
        for (String dependency : dependsOn.get(phase)) {
            walk(dependency, dependsOn, path, finished, cycles);
        }
        path.removeLast();
        finished.add(phase);
    }
}
