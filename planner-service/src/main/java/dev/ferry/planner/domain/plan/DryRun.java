package dev.ferry.planner.domain.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        environments();
        gates();
        plan.services().forEach(this::service);
        return out.toString();
    }

    private void header() {
        line("Plan " + plan.name() + ": " + plan.services().size() + " services, "
                + plan.phases().size() + " phases");
        if (plan.source() != null) {
            line("  source " + plan.source().repository() + " (branch "
                    + plan.source().branch() + ")");
        }
        line("  order: "
                + String.join(
                        " -> ", forward().stream().map(PhaseDefinition::name).toList()));
        List<String> onDemand = rollbacks().stream().map(PhaseDefinition::name).toList();
        if (!onDemand.isEmpty()) {
            line("  on demand: " + String.join(", ", onDemand));
        }
    }

    private void environments() {
        for (EnvironmentDefinition environment : plan.environments()) {
            GitOpsDefinition gitops = environment.gitops();
            line("  environment " + environment.name()
                    + (gitops == null
                            ? ": no GitOps settings"
                            : ": " + gitops.repository() + " (branch " + gitops.branch() + "), "
                                    + spelling(gitops.layout()) + ", " + spelling(gitops.mode()) + ", sync within "
                                    + gitops.syncTimeoutSeconds() + "s"));
        }
    }

    private void gates() {
        for (PhaseDefinition phase : forward()) {
            if (phase.action() == PhaseKind.GATE) {
                line("  gate " + phase.name() + " waits for approval of:");
                phase.checklist().forEach(item -> line("    [ ] " + item));
            } else if (phase.approvalRequired()) {
                line("  " + phase.name() + " waits for approval before any service starts");
            }
        }
    }

    private void service(ServiceDefinition service) {
        line("");
        line(service.name() + " (" + service.path() + (service.port() == null ? "" : ", port " + service.port()) + ")");
        int number = 1;
        for (PhaseDefinition phase : forward()) {
            if (phase.appliesTo(service.name())) {
                line("  " + number++ + ". " + phase.name() + " -> " + steps.describe(phase, service) + marks(phase));
            }
        }
        for (PhaseDefinition phase : rollbacks()) {
            if (phase.appliesTo(service.name())) {
                line("  on demand: " + phase.name() + " -> " + steps.describe(phase, service) + marks(phase));
            }
        }
    }

    /** The policies a reader must notice: who waits, what happens on failure, how often it is tried. */
    private static String marks(PhaseDefinition phase) {
        var marks = new LinkedHashMap<String, Boolean>();
        marks.put("waits for approval", phase.approvalRequired());
        marks.put("barrier: starts when every service is ready", phase.barrier());
        marks.put("on failure the other services continue", phase.onFailure() == FailurePolicy.CONTINUE);
        marks.put(retry(phase.retry()), phase.retry().attempts() > 1);
        List<String> shown = marks.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .toList();
        return shown.isEmpty() ? "" : " [" + String.join("; ", shown) + "]";
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
