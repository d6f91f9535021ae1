package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What an apply of a plan would do: the phases in running order with their gates, then per service the numbered
 * steps, marking those that wait for a person or for every other service, and the rollbacks that run only on demand.
 * Reads nothing but the plan, so it can run before anything exists. The same data is printed as text for a terminal
 * ({@link #text()}), as JSON or YAML by {@code ferry plan show -o json}, and by the planner for the dashboard.
 *
 * @param summary the plan, its source and its environments, one line each
 * @param phases every phase, the forward ones in running order, then the rollbacks that run on demand
 * @param services every service of the plan, in the plan's order
 */
public record DryRun(List<String> summary, List<Phase> phases, List<Service> services) {

    public DryRun {
        summary = List.copyOf(summary);
        phases = List.copyOf(phases);
        services = List.copyOf(services);
    }

    /**
     * A phase, once, with what holds for every service.
     *
     * @param after the phases it waits for
     * @param environment the environment a rollback phase restores; null for a forward phase
     * @param marks what a reader must notice: who waits, what happens on failure, how often a step is tried
     * @param onDemand true for a rollback, which runs only when someone asks for it
     */
    public record Phase(
            String name,
            String action,
            List<String> after,
            String environment,
            List<String> marks,
            List<String> checklist,
            boolean onDemand) {
        public Phase {
            after = List.copyOf(after);
            marks = List.copyOf(marks);
            checklist = List.copyOf(checklist);
        }
    }

    /**
     * One service and its steps, in running order.
     *
     * @param about its path in the source, the paths it takes, its port
     */
    public record Service(String name, List<String> about, List<Step> steps) {
        public Service {
            about = List.copyOf(about);
            steps = List.copyOf(steps);
        }
    }

    /**
     * What one phase would do for one service.
     *
     * @param does the action's sentence for this service
     * @param marks who the step waits for
     */
    public record Step(String phase, String does, List<String> marks, boolean onDemand) {
        public Step {
            marks = List.copyOf(marks);
        }
    }

    /** The dry run of a valid plan. */
    public static DryRun of(MigrationPlan plan) {
        return new DryRunBuilder(plan).build();
    }

    /** The dry run of a plan as text for a terminal ({@code ferry plan show}). */
    public static String describe(MigrationPlan plan) {
        return of(plan).text();
    }

    /** The dry run as lines for a terminal: the summary, the phases, then one numbered section per service. */
    public String text() {
        var out = new ArrayList<>(summary);
        out.add("");
        out.add("Phases in running order:");
        int number = 1;
        for (Phase phase : phases) {
            if (phase.onDemand()) {
                out.add("  on demand: " + phase.name() + " (rollback in " + phase.environment() + ")"
                        + marks(phase.marks()));
                continue;
            }
            String after = phase.after().isEmpty() ? "" : " after " + String.join(", ", phase.after());
            out.add("  " + number++ + ". " + phase.name() + " (" + phase.action() + ")" + after + marks(phase.marks()));
            phase.checklist().forEach(item -> out.add("       [ ] " + item));
        }
        services.forEach(service -> section(service, out));
        return String.join("\n", out) + "\n";
    }

    private static void section(Service service, List<String> out) {
        out.add("");
        out.add(service.name() + (service.about().isEmpty() ? "" : " (" + String.join(", ", service.about()) + ")"));
        int number = 1;
        for (Step step : service.steps()) {
            String where = step.onDemand() ? "  on demand: " : "  " + number++ + ". ";
            out.add(where + step.phase() + " -> " + step.does() + marks(step.marks()));
        }
    }

    private static String marks(List<String> marks) {
        return marks.isEmpty() ? "" : " [" + String.join("; ", marks) + "]";
    }
}
