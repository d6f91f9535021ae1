package dev.ferry.planner.domain.run;

import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A read-only picture of a run: phases (forward ones, then rollbacks that ran) with each service's step. */
public record RunView(
        String id, String planName, RunState state, Instant startedAt, Instant finishedAt, List<PhaseView> phases) {

    public RunView {
        phases = List.copyOf(phases);
    }

    public record PhaseView(
            String name,
            Action action,
            String environment,
            PhaseState state,
            boolean approvalRequired,
            String approvedBy,
            List<Approval> approvals,
            List<String> approvalsMissing,
            List<Step> steps) {
        public PhaseView {
            approvals = List.copyOf(approvals);
            approvalsMissing = List.copyOf(approvalsMissing);
            steps = List.copyOf(steps);
        }
    }

    static RunView of(MigrationRun run) {
        var phases = new ArrayList<PhaseView>();
        for (PhaseDefinition phase : run.forwardPhases()) {
            PhaseRecord record = run.phaseRecord(phase.name());
            List<Step> steps = run.stepsOf(phase.name());
            phases.add(new PhaseView(
                    phase.name(),
                    phase.action(),
                    phase.environment(),
                    PhaseSummaries.state(
                            run.runSteps().counts(phase.name()), record.approved(), record.approvalRequested),
                    phase.waitsForPerson(),
                    record.approvedBy,
                    record.approvals,
                    record.signOffsMissing(phase.approvals()),
                    steps));
        }
        run.rollbacks().steps().stream()
                .map(step -> step.key().phase())
                .distinct()
                .forEach(name -> {
                    List<Step> steps = run.rollbacks().steps().stream()
                            .filter(step -> step.key().phase().equals(name))
                            .toList();
                    String environment =
                            run.rollbacks().environmentOf(steps.getFirst().key());
                    phases.add(new PhaseView(
                            name,
                            run.rollbacks().actionOf(steps.getFirst().key()),
                            environment,
                            PhaseSummaries.state(StepCounts.of(steps), true, false),
                            false,
                            null,
                            List.of(),
                            List.of(),
                            steps));
                });
        return new RunView(
                run.id(),
                run.plan().name(),
                run.state(),
                run.startedAt(),
                run.finishedAt().orElse(null),
                phases);
    }
}
