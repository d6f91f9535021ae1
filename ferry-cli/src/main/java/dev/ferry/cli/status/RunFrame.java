package dev.ferry.cli.status;

import static dev.ferry.cli.status.StatusText.approvalCommand;
import static dev.ferry.cli.status.StatusText.elapsed;
import static dev.ferry.cli.status.StatusText.orDash;
import static dev.ferry.cli.status.StatusText.time;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.status.MigrationStatus.StepState;
import dev.ferry.cli.text.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top of {@code ferry status ID}, shown once or redrawn live: the run's headline, its phases, each service's step
 * in every phase, and the command for each phase that waits for approval.
 */
final class RunFrame {

    private final Palette palette;

    RunFrame(Palette palette) {
        this.palette = palette;
    }

    List<String> lines(MigrationStatus run, Instant now) {
        var lines = new ArrayList<String>();
        lines.add(headline(run, now));
        lines.add("");
        lines.addAll(phases(run));
        lines.add("");
        lines.addAll(services(run));
        for (Phase phase : run.phases()) {
            approvalCommand(run, phase).ifPresent(command -> {
                lines.add("");
                lines.add(palette.waiting("phase " + phase.name() + " waits for approval: " + command));
            });
            signOffs(phase).ifPresent(signOffs -> {
                lines.add("");
                lines.add(signOffs);
            });
            waits(phase, now).forEach(wait -> {
                lines.add("");
                lines.add(palette.waiting(wait));
            });
        }
        return lines;
    }

    /** Who approved the phase (as which role), or which sign-offs it has and still needs. */
    private static Optional<String> signOffs(Phase phase) {
        if (phase.approvedBy() != null) {
            return Optional.of("phase " + phase.name() + " approved by " + phase.approvedBy());
        }
        if (phase.approvals().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("phase " + phase.name() + " signed off by "
                + String.join(
                        ", ",
                        phase.approvals().stream()
                                .map(approval -> approval.by() + " as " + approval.role())
                                .toList())
                + "; still needs " + String.join(", ", phase.approvalsMissing()));
    }

    /** One line per service whose step in the phase waits for a time (a wait phase): until when, and how long yet. */
    private static List<String> waits(Phase phase, Instant now) {
        return phase.steps().stream()
                .filter(step -> step.state() == StepState.STARTED && step.waitingUntil() != null)
                .map(step -> "phase " + phase.name() + " waits until " + time(step.waitingUntil()) + " for "
                        + step.service() + " (" + elapsed(Duration.between(now, step.waitingUntil())) + " left)")
                .toList();
    }

    private String headline(MigrationStatus run, Instant now) {
        return palette.heading(orDash(run.planName())) + "  migration " + run.id() + "  "
                + palette.runState(run.state()) + "  " + duration(run, now);
    }

    private List<String> phases(MigrationStatus run) {
        var table = new Table().row("PHASE", "ACTION", "ENV", "STATE", "PROGRESS");
        for (Phase phase : run.phases()) {
            table.row(
                    phase.name(),
                    orDash(phase.action()),
                    orDash(phase.environment()),
                    palette.phaseState(phase.state()),
                    palette.bar(phase.done(), phase.steps().size(), anyFailed(phase.steps())));
        }
        return table.lines();
    }

    private List<String> services(MigrationStatus run) {
        var header = new ArrayList<String>();
        header.add("SERVICE");
        run.phases().forEach(phase -> header.add(phase.name()));
        header.add("PROGRESS");
        var table = new Table().row(header);
        for (String service : run.services()) {
            var row = new ArrayList<String>();
            row.add(service);
            var steps = new ArrayList<Step>();
            for (Phase phase : run.phases()) {
                Optional<Step> step = phase.step(service);
                step.ifPresent(steps::add);
                row.add(step.map(palette::step).orElse("-"));
            }
            long done = steps.stream().filter(step -> step.state().isDone()).count();
            row.add(palette.bar(done, steps.size(), anyFailed(steps)));
            table.row(row);
        }
        return table.lines();
    }

    private static String duration(MigrationStatus run, Instant now) {
        if (run.startedAt() == null) {
            return "not started";
        }
        Instant end = run.finishedAt() != null ? run.finishedAt() : now;
        String verb = run.finishedAt() != null ? "took " : "running for ";
        return verb + elapsed(Duration.between(run.startedAt(), end));
    }

    private static boolean anyFailed(List<Step> steps) {
        return steps.stream().anyMatch(step -> step.state() == StepState.FAILED);
    }
}
