package dev.ferry.plan;

import dev.ferry.plan.action.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * What an apply of a plan would do, as text for a terminal: the phases in running order with their gates, then per
 * service the numbered steps, marking those that wait for a person or for every other service, and the rollbacks that
 * run only on demand. Reads nothing but the plan, so it can run before anything exists.
 */
public final class DryRun {

    private final MigrationPlan plan;
    private final List<PhaseDefinition> order;
    private final StepDescriptions steps;
    private final StringBuilder out = new StringBuilder();

    private DryRun(MigrationPlan plan) {
        this.plan = plan;
        this.order = PhaseOrder.of(plan.phases());
        var graph = new LinkedHashMap<String, List<String>>();
        plan.phases().forEach(phase -> graph.put(phase.name(), phase.dependsOn()));
        this.steps = new StepDescriptions(plan, graph);
    }

    public static String describe(MigrationPlan plan) {
        return new DryRun(plan).render();
    }

    private String render() {
        header();
        phases();
        plan.services().forEach(this::service);
        return out.toString();
    }

    private void header() {
        line("Plan " + plan.name() + ": " + plan.services().size() + " services, "
                + plan.phases().size() + " phases");
        if (plan.source() != null) {
            line("Source: " + plan.source().repository() + " (branch "
                    + plan.source().branch() + ")");
        }
        for (EnvironmentDefinition environment : plan.environments()) {
            GitOpsDefinition gitops = environment.gitops();
            line("Environment " + environment.name()
                    + (gitops == null
                            ? ": no GitOps settings"
                            : ": " + gitops.repository() + " (branch " + gitops.branch() + "), "
                                    + spelling(gitops.layout()) + ", " + spelling(gitops.mode()) + ", sync within "
                                    + DurationText.format(Duration.ofSeconds(gitops.syncTimeoutSeconds()))));
        }
    }

    /** The phases once, with what holds for every service: dependencies, policies, checklists. */
    private void phases() {
        line("");
        line("Phases in running order:");
        int number = 1;
        for (PhaseDefinition phase : forward()) {
            String after = phase.dependsOn().isEmpty() ? "" : " after " + String.join(", ", phase.dependsOn());
            line("  " + number++ + ". " + phase.name() + " (" + phase.action().name() + ")" + after
                    + marks(phase, true));
            phase.checklist().forEach(item -> line("       [ ] " + item));
        }
        for (PhaseDefinition phase : rollbacks()) {
            line("  on demand: " + phase.name() + " (rollback in " + phase.environment() + ")" + marks(phase, true));
        }
    }

    private void service(ServiceDefinition service) {
        line("");
        var about = new ArrayList<String>();
        if (!service.path().isEmpty()) {
            about.add(service.path());
        }
        service.paths().forEach(path -> about.add(path.toString()));
        if (service.port() != null) {
            about.add("port " + service.port());
        }
        line(service.name() + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")"));
        int number = 1;
        for (PhaseDefinition phase : forward()) {
            if (phase.appliesTo(service.name())) {
                line("  " + number++ + ". " + phase.name() + " -> " + steps.describe(phase, service)
                        + marks(phase, false));
            }
        }
        for (PhaseDefinition phase : rollbacks()) {
            if (phase.appliesTo(service.name())) {
                line("  on demand: " + phase.name() + " -> " + steps.describe(phase, service) + marks(phase, false));
            }
        }
    }

    /**
     * What a reader must notice: who waits, and in the phase list also what happens on failure and how often a step
     * is tried (gates run no worker, so they have neither).
     */
    private static String marks(PhaseDefinition phase, boolean policies) {
        var marks = new ArrayList<String>();
        if (phase.approvalRequired()) {
            marks.add("waits for approval");
        }
        if (phase.barrier()) {
            marks.add("barrier: starts when every service is ready");
        }
        if (phase.rollout() == Rollout.SEQUENTIAL) {
            marks.add("one service at a time");
        }
        if (policies && !phase.timeout().equals(phase.action().defaultTimeout())) {
            marks.add("timeout " + DurationText.format(phase.timeout()));
        }
        if (policies && phase.action().performer() == Action.Performer.WORKER) {
            if (phase.onFailure() == FailurePolicy.CONTINUE) {
                marks.add("on failure the other services continue");
            }
            if (phase.retry().attempts() > 1) {
                marks.add(retry(phase.retry()));
            }
        }
        return marks.isEmpty() ? "" : " [" + String.join("; ", marks) + "]";
    }

    private static String retry(RetryPolicy retry) {
        return "up to " + retry.attempts() + " attempts, " + DurationText.format(retry.backoff()) + " apart"
                + (retry.multiplier() > 1 ? " x" + trim(retry.multiplier()) : "") + " up to "
                + DurationText.format(retry.maxBackoff());
    }

    private List<PhaseDefinition> forward() {
        return order.stream().filter(phase -> phase.action().runsForward()).toList();
    }

    private List<PhaseDefinition> rollbacks() {
        return order.stream().filter(phase -> !phase.action().runsForward()).toList();
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
