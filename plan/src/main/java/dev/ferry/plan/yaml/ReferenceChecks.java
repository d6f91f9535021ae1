package dev.ferry.plan.yaml;

import dev.ferry.plan.DidYouMean;
import dev.ferry.plan.PhaseOrder;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.ActionField;
import dev.ferry.plan.action.Actions;
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
            actionFields(phase);
            phase.dependsOn().forEach(dependency -> known("phase", dependency, phases));
            phase.services().forEach(service -> known("service", service, services));
            rollbackDependencies(phase);
            personFields(phase);
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

    /**
     * The action's required fields are there, and no field of another action is: an environment on a split, a checklist
     * on a deploy. The environment's problem lists the plan's environments, since that is what the author looks for.
     */
    private void actionFields(PhaseDraft phase) {
        Action action = phase.kind();
        if (action == null) {
            return;
        }
        Set<String> environments =
                names(plan.environments(), EnvironmentDraft::name).keySet();
        for (ActionField field : action.fields()) {
            if (field.required() && phase.map().value(field.name()).isEmpty()) {
                String what = field.type() == ActionField.Type.ENVIRONMENT
                        ? (environments.isEmpty()
                                ? "; declare one under environments"
                                : ": one of " + String.join(", ", environments))
                        : " (" + field.description() + ")";
                problems.add(
                        phase.anchor(),
                        phase.map().path(field.name()),
                        "a " + action.name() + " phase needs " + article(field.name()) + what);
            }
        }
        for (String field : PhaseDraft.FIELDS) {
            if (!PhaseDraft.COMMON_FIELDS.contains(field) && phase.map().has(field) && !action.takes(field)) {
                problems.add(
                        phase.map().value(field).orElseThrow(),
                        phase.map().path(field),
                        "only " + takers(field) + " phases have " + article(field) + "; a " + action.name()
                                + " phase takes none");
            }
        }
        if (phase.environment() != null && action.takes("environment")) {
            known("environment", phase.environment(), environments);
        }
    }

    private static String takers(String field) {
        List<String> names = Actions.all().stream()
                .filter(action -> action.takes(field))
                .map(Action::name)
                .toList();
        return names.size() == 1
                ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static String article(String field) {
        return ("aeiou".indexOf(field.charAt(0)) >= 0 ? "an " : "a ") + field;
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
        if (phase.kind() != null && !phase.kind().runsForward()) {
            return;
        }
        Map<String, PhaseDraft> byName = names(plan.phases(), PhaseDraft::name);
        for (Located<String> dependency : phase.dependsOn()) {
            PhaseDraft target = byName.get(dependency.value());
            if (target != null && target.kind() != null && !target.kind().runsForward()) {
                problems.add(
                        dependency.node(),
                        dependency.path(),
                        "phase \"" + dependency.value() + "\" is a"
                                + " rollback, which runs only on demand, so this phase would never start");
            }
        }
    }

    /** A gate always waits for a person, so saying it need not is a contradiction worth telling the author about. */
    private void personFields(PhaseDraft phase) {
        if (phase.kind() != null && phase.kind().waitsForPerson() && Boolean.FALSE.equals(phase.approval())) {
            problems.add(
                    phase.map().value("approval").orElseThrow(),
                    phase.map().path("approval"),
                    "a " + phase.kind().name() + " always waits for a person to approve it; leave approval out");
        }
        if (!phase.approvals().isEmpty() && Boolean.FALSE.equals(phase.approval())) {
            problems.add(
                    phase.map().value("approval").orElseThrow(),
                    phase.map().path("approval"),
                    "approvals lists who must sign off, so the phase waits for them; leave approval out");
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
