package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.plan.action.Actions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PhaseOrderTest {

    @Test
    void putsEveryPhaseAfterItsDependencies() {
        List<PhaseDefinition> phases =
                List.of(phase("deploy", "build"), phase("build", "split"), phase("split"), phase("archive", "deploy"));

        assertThat(PhaseOrder.of(phases))
                .extracting(PhaseDefinition::name)
                .containsExactly("split", "build", "deploy", "archive");
    }

    @Test
    void keepsDeclarationOrderBetweenIndependentPhases() {
        var graph =
                graph("split", List.of(), "docs-gate", List.of(), "build", List.of("split"), "notes-gate", List.of());

        assertThat(PhaseOrder.names(graph)).containsExactly("split", "docs-gate", "build", "notes-gate");
    }

    @Test
    void namesACycleFromAPhaseBackToItself() {
        var graph = graph("split", List.of("build"), "build", List.of("split"), "deploy", List.of("build"));

        assertThat(PhaseOrder.findCycle(graph)).contains(List.of("split", "build", "split"));
        assertThatThrownBy(() -> PhaseOrder.names(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phases depend on each other in a cycle: split -> build -> split");
    }

    @Test
    void findsEachSeparateCycle() {
        var graph = graph("a", List.of("b"), "b", List.of("a"), "c", List.of("d"), "d", List.of("c"));

        assertThat(PhaseOrder.findCycles(graph)).containsExactly(List.of("a", "b", "a"), List.of("c", "d", "c"));
    }

    @Test
    void findsASelfDependency() {
        assertThat(PhaseOrder.findCycle(graph("build", List.of("build")))).contains(List.of("build", "build"));
    }

    @Test
    void refusesADependencyOnAnUndeclaredPhase() {
        assertThatThrownBy(() -> PhaseOrder.names(graph("build", List.of("split"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phases depend on undeclared phases [split]");
    }

    @Test
    void findsEverythingAPhaseWaitsFor() {
        var graph = graph(
                "split", List.of(), "build", List.of("split"), "gate", List.of(), "deploy", List.of("build", "gate"));

        assertThat(PhaseOrder.upstream(graph, "deploy")).containsExactlyInAnyOrder("build", "split", "gate");
        assertThat(PhaseOrder.upstream(graph, "split")).isEmpty();
    }

    /** Random DAGs: a phase may depend on phases declared before or after it, as long as no cycle forms. */
    @Property(tries = 200)
    void ordersEveryAcyclicPlanRespectingDependenciesAndDeclarationOrder(
            @ForAll @IntRange(min = 1, max = 30) int size, @ForAll long seed) {
        Map<String, List<String>> graph = randomDag(size, new Random(seed));

        List<String> order = PhaseOrder.names(graph);

        assertThat(order).containsExactlyInAnyOrderElementsOf(graph.keySet());
        graph.forEach((phase, dependencies) -> dependencies.forEach(
                dependency -> assertThat(order.indexOf(dependency)).isLessThan(order.indexOf(phase))));
        List<String> declared = new ArrayList<>(graph.keySet());
        for (int i = 1; i < order.size(); i++) {
            String previous = order.get(i - 1);
            String current = order.get(i);
            boolean declaredFirstAndReady = declared.indexOf(current) < declared.indexOf(previous)
                    && order.subList(0, i - 1).containsAll(graph.get(current));
            assertThat(declaredFirstAndReady)
                    .as("%s was ready when %s was picked and is declared first", current, previous)
                    .isFalse();
        }
    }

    private static Map<String, List<String>> randomDag(int size, Random random) {
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rank.add(i);
        }
        Collections.shuffle(rank, random);
        var graph = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < size; i++) {
            var dependencies = new ArrayList<String>();
            for (int j = 0; j < size; j++) {
                if (rank.get(j) < rank.get(i) && random.nextInt(4) == 0) {
                    dependencies.add("p" + j);
                }
            }
            graph.put("p" + i, dependencies);
        }
        return graph;
    }

    private static Map<String, List<String>> graph(Object... namesAndDependencies) {
        var graph = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < namesAndDependencies.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> dependencies = (List<String>) namesAndDependencies[i + 1];
            graph.put((String) namesAndDependencies[i], dependencies);
        }
        return graph;
    }

    private static PhaseDefinition phase(String name, String... dependsOn) {
        return SamplePlan.phase(name, Actions.GATE, null, List.of(dependsOn));
    }
}
