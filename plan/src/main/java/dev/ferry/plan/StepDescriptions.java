package dev.ferry.plan;

import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.StepContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one step (a phase for one service) would do, in one line of a dry run: its action's sentence. */
final class StepDescriptions {

    private final MigrationPlan plan;
    private final Map<String, List<String>> graph;

    StepDescriptions(MigrationPlan plan, Map<String, List<String>> graph) {
        this.plan = plan;
        this.graph = graph;
    }

    String describe(PhaseDefinition phase, ServiceDefinition service) {
        var before = PhaseOrder.upstream(graph, phase.name()).stream()
                .map(plan::phase)
                .flatMap(Optional::stream)
                .map(PhaseDefinition::action)
                .collect(Collectors.<Action>toSet());
        return phase.action().sentence().describe(new StepContext(plan, phase, service, before));
    }
}
