package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.PhaseKind;
import dev.ferry.plan.PhaseOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that names are unique and that every name a phase refers to (phases, environments, services) exists, that
 * the phases form no cycle, and that each action has the fields it needs and no others.
 */
final class ReferenceChecks {

    private final PlanDraft plan;
    private final Problems problems;

    ReferenceChecks(PlanDraft plan, Problems problems) {
        this.plan = plan;
        this.problems = problems;
    }

    void check() {
        unique("service", plan.services(), ServiceDraft::name);
        unique("service path", plan.services(), ServiceDraft::path);
        unique("environment", plan.environments(), EnvironmentDraft::name);
        unique("phase", plan.phases(), PhaseDraft::name);
        Set<String> phases = names(plan.phases(), PhaseDraft::name).keySet();
        Set<String> services = names(plan.services(), ServiceDraft::name).keySet();
        for (PhaseDraft phase : plan.phases()) {
            environment(phase);
            phase.dependsOn().forEach(dependency -> known("phase", dependency, phases));
            phase.services().forEach(service -> known("service", service, services));
            rollbackDependencies(phase);
            gateFields(phase);
        }
        cycles();
    }

    /** Reports each repeated name at its second (and later) occurrence, saying where the first one is. */
    private <T> void unique(String what, List<T> items, Function<T, Located<String>> name) {
        var first = new HashMap<String, Located<String>>();
        for (T item : items) {
            Located<String> current = name.apply(item);
            if (current == null) {
                continue;
            }
            Located<String> earlier = first.putIfAbsent(current.value(), current);
            if (earlier != null) {
                problems.add(
                        current.node(),
                        current.path(),
                        "duplicate " + what + " \"" + current.value() + "\" (first at line "
                                + (earlier.node().getStartMark().getLine() + 1) + ")");
            }
        }
    }

    private void environment(PhaseDraft phase) {
        PhaseKind kind = phase.kind();
        Located<String> environment = phase.environment();
        String path = phase.map().path("environment");
        Set<String> environments =
                names(plan.environments(), EnvironmentDraft::name).keySet();
        boolean needsOne = kind == PhaseKind.DEPLOY || kind == PhaseKind.ROLLBACK;
        if (needsOne && environment == null) {
            problems.add(
                    phase.anchor(),
                    path,
                    "a " + Options.spelling(kind) + " phase needs an environment"
                            + (environments.isEmpty()
                                    ? "; declare one under environments"
                                    : ": one of " + String.join(", ", environments)));
        } else if (!needsOne && environment != null && kind != null) {
            problems.add(
                    environment.node(),
                    path,
                    "only deploy and rollback phases have an environment; a " + Options.spelling(kind)
                            + " phase runs once for every service wherever it is deployed");
        } else if (environment != null) {
            known("environment", environment, environments);
        }
    }

    private void known(String what, Located<String> reference, Set<String> known) {
        if (!known.contains(reference.value())) {
            problems.add(
                    reference.node(),
                    reference.path(),
                    "unknown " + what + " \"" + reference.value() + "\"" + DidYouMean.hint(reference.value(), known));
        }
    }

    /** A rollback phase only runs on a rollback command, so a forward phase waiting for it would never start. */
    private void rollbackDependencies(PhaseDraft phase) {
        if (phase.kind() == PhaseKind.ROLLBACK) {
            return;
        }
        Map<String, PhaseDraft> byName = names(plan.phases(), PhaseDraft::name);
        for (Located<String> dependency : phase.dependsOn()) {
            PhaseDraft target = byName.get(dependency.value());
            if (target != null && target.kind() == PhaseKind.ROLLBACK) {
                problems.add(
                        dependency.node(),
                        dependency.path(),
                        "phase \"" + dependency.value() + "\" is a"
                                + " rollback, which runs only on demand, so this phase would never start");
            }
        }
    }

    private void gateFields(PhaseDraft phase) {
        if (phase.kind() == null) {
            return;
        }
        if (phase.kind() != PhaseKind.GATE && !phase.checklist().isEmpty()) {
            problems.add(
                    phase.map().value("checklist").orElseThrow(),
                    phase.map().path("checklist"),
                    "only gate phases have a checklist; make this a separate phase with action: gate");
        }
        if (phase.kind() == PhaseKind.GATE && Boolean.FALSE.equals(phase.approval())) {
            problems.add(
                    phase.map().value("approval").orElseThrow(),
                    phase.map().path("approval"),
                    "a gate always waits for a person to approve it; leave approval out");
        }
    }

    /** One problem per cycle, at the dependsOn of the first phase in it: {@code split -> build -> split}. */
    private void cycles() {
        var graph = new LinkedHashMap<String, List<String>>();
        plan.phases().stream()
                .filter(phase -> phase.name() != null)
                .forEach(phase -> graph.putIfAbsent(phase.nameOrNull(), phase.dependencyNames()));
        Map<String, PhaseDraft> byName = names(plan.phases(), PhaseDraft::name);
        for (List<String> cycle : PhaseOrder.findCycles(graph)) {
            PhaseDraft first = byName.get(cycle.getFirst());
            problems.add(
                    first.map().value("dependsOn").orElse(first.map().node()),
                    first.map().path("dependsOn"),
                    "dependency cycle " + String.join(" -> ", cycle) + "; a phase cannot wait for itself");
        }
    }

    /** The first item by each name, in declaration order. */
    static <T> Map<String, T> names(List<T> items, Function<T, Located<String>> name) {
        var byName = new LinkedHashMap<String, T>();
        for (T item : items) {
            Located<String> located = name.apply(item);
            if (located != null) {
                byName.putIfAbsent(located.value(), item);
            }
        }
        return byName;
    }
}
