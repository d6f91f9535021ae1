package dev.ferry.cli.status;

import static dev.ferry.cli.status.StatusText.approvalCommand;
import static dev.ferry.cli.status.StatusText.elapsed;
import static dev.ferry.cli.status.StatusText.firstLine;
import static dev.ferry.cli.status.StatusText.orDash;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.status.MigrationStatus.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ferry status ID --watch} into a pipe or file: one plain line per thing that changed between two states of a
 * run, and a summary when it ends. With no earlier state, every phase and every step that has started is reported.
 */
final class RunChanges {

    private RunChanges() {}

    static List<String> between(MigrationStatus before, MigrationStatus after) {
        var lines = new ArrayList<String>();
        if (before == null || before.state() != after.state()) {
            lines.add("migration " + after.id() + " (" + orDash(after.planName()) + ") " + after.state());
        }
        for (Phase phase : after.phases()) {
            Optional<Phase> earlier = before == null ? Optional.empty() : before.phase(phase.name());
            lines.addAll(phaseChanges(after, earlier, phase));
        }
        if (after.state().isFinal() && (before == null || !before.state().isFinal())) {
            lines.add(summary(after));
        }
        return lines;
    }

    /** The last line of a watch: how the run ended and how long it took. */
    static String summary(MigrationStatus run) {
        String took = run.startedAt() == null || run.finishedAt() == null
                ? ""
                : " in " + elapsed(Duration.between(run.startedAt(), run.finishedAt()));
        return "migration " + run.id() + " " + run.state() + took + ": " + run.stepsDone() + "/" + run.stepCount()
                + " steps done";
    }

    private static List<String> phaseChanges(MigrationStatus run, Optional<Phase> earlier, Phase phase) {
        var lines = new ArrayList<String>();
        boolean newPhase = earlier.isEmpty() && phase.state() != PhaseState.PENDING;
        if (newPhase || earlier.filter(p -> p.state() != phase.state()).isPresent()) {
            String hint = approvalCommand(run, phase)
                    .map(command -> " (waits for approval: " + command + ")")
                    .orElse("");
            lines.add("phase " + phase.name() + " " + phase.state() + hint);
        }
        for (Step step : phase.steps()) {
            Optional<Step> was = earlier.flatMap(p -> p.step(step.service()));
            boolean changed = was.isEmpty()
                    ? step.state() != StepState.PENDING
                    : was.get().state() != step.state() || was.get().attempt() != step.attempt();
            if (changed) {
                lines.add(stepChange(phase, step));
            }
        }
        return lines;
    }

    private static String stepChange(Phase phase, Step step) {
        var line = new StringBuilder(phase.name() + "/" + step.service() + " " + step.state());
        if (step.attempt() > 1) {
            line.append(" (attempt ").append(step.attempt()).append(')');
        }
        if ((step.state() == StepState.FAILED || step.state() == StepState.RETRY_WAIT) && step.lastError() != null) {
            line.append(": ").append(firstLine(step.lastError()));
        }
        if (step.state() == StepState.SUCCEEDED && !step.result().isEmpty()) {
            line.append(" ").append(StatusText.results(step.result()));
        }
        return line.toString();
    }
}
