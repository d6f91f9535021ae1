package dev.ferry.plan;

import dev.ferry.plan.action.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Works out a plan's {@link DryRun}: the order of its phases, and each service's step sentences and marks. */
final class DryRunBuilder {

    private final MigrationPlan plan;
    private final List<PhaseDefinition> order;
    private final StepDescriptions steps;

    DryRunBuilder(MigrationPlan plan) {
        this.plan = plan;
        // Forward phases first, in running order; the rollbacks, which run only on demand, after them.
        List<PhaseDefinition> running = PhaseOrder.of(plan.phases());
        this.order = Stream.concat(
                        running.stream().filter(phase -> phase.action().runsForward()),
                        running.stream().filter(phase -> !phase.action().runsForward()))
                .toList();
        var graph = new LinkedHashMap<String, List<String>>();
        plan.phases().forEach(phase -> graph.put(phase.name(), phase.dependsOn()));
        this.steps = new StepDescriptions(plan, graph);
    }

    DryRun build() {
        return new DryRun(
                summary(),
                order.stream().map(this::phase).toList(),
                plan.services().stream().map(this::service).toList());
    }

    private List<String> summary() {
        var lines = new ArrayList<String>();
        lines.add("Plan " + plan.name() + ": " + plan.services().size() + " services, "
                + plan.phases().size() + " phases");
        if (plan.source() != null) {
            lines.add("Source: " + plan.source().repository() + " (branch "
                    + plan.source().branch() + ")");
        }
        for (EnvironmentDefinition environment : plan.environments()) {
            GitOpsDefinition gitops = environment.gitops();
            lines.add("Environment " + environment.name()
                    + (gitops == null
                            ? ": no GitOps settings"
                            : ": " + gitops.repository() + " (branch " + gitops.branch() + "), "
                                    + spelling(gitops.layout()) + ", " + spelling(gitops.mode()) + ", sync within "
                                    + DurationText.format(Duration.ofSeconds(gitops.syncTimeoutSeconds()))));
        }
        return lines;
    }

    private DryRun.Phase phase(PhaseDefinition phase) {
        boolean onDemand = !phase.action().runsForward();
        return new DryRun.Phase(
                phase.name(),
                phase.action().name(),
                phase.dependsOn(),
                onDemand ? phase.environment() : null,
                marks(phase, true),
                onDemand ? List.of() : phase.checklist(),
                onDemand);
    }

    private DryRun.Service service(ServiceDefinition service) {
        var about = new ArrayList<String>();
        if (!service.path().isEmpty()) {
            about.add(service.path());
        }
        service.paths().forEach(path -> about.add(path.toString()));
        if (service.port() != null) {
            about.add("port " + service.port());
        }
        List<DryRun.Step> serviceSteps = order.stream()
                .filter(phase -> phase.appliesTo(service.name()))
                .map(phase -> new DryRun.Step(
                        phase.name(),
                        steps.describe(phase, service),
                        marks(phase, false),
                        !phase.action().runsForward()))
                .toList();
        return new DryRun.Service(service.name(), about, serviceSteps);
    }

    /**
     * What a reader must notice: who waits, and in the phase list also what happens on failure and how often a step
     * is tried (gates run no worker, so they have neither).
     */
    private static List<String> marks(PhaseDefinition phase, boolean policies) {
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
        return marks;
    }

    private static String retry(RetryPolicy retry) {
        return "up to " + retry.attempts() + " attempts, " + DurationText.format(retry.backoff()) + " apart"
                + (retry.multiplier() > 1 ? " x" + trim(retry.multiplier()) : "") + " up to "
                + DurationText.format(retry.maxBackoff());
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
