package dev.ferry.plan.yaml;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one plan file, each at the position of the text it is about. */
final class Problems {

    private final String file;
    private final Set<PlanProblem> found = new LinkedHashSet<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node node, String path, String message) {
        add(node.getStartMark(), path, message);
    }

    void add(Mark mark, String path, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        found.add(new PlanProblem(file, line, column, path, message));
    }

    /** A problem with the file as a whole, reported at its first character. */
    void atStart(String message) {
        add((Mark) null, "", message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Sorted by position, so they read top to bottom like the file. */
    List<PlanProblem> all() {
        return found.stream()
                .sorted(Comparator.comparingInt(PlanProblem::line).thenComparingInt(PlanProblem::column))
                .toList();
    }
}
