package dev.ferry.cli.status;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import dev.ferry.cli.status.MigrationStatus.RunState;
import dev.ferry.cli.status.MigrationStatus.Step;
import dev.ferry.cli.status.MigrationStatus.StepState;
import dev.ferry.cli.text.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the planner's {@link MigrationStatus} into lines of text, with nothing else involved: no I/O, no clock (the
 * caller passes "now"), so every screen the CLI shows is tested as plain strings.
 *
 * <p>With colours on, states are coloured and progress bars drawn with block characters; without, everything is
 * plain ASCII for logs and pipes.
 */
public final class StatusView {

    static final int BAR_WIDTH = 20;
    private static final int LIVE_ERRORS = 5;

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String CYAN = "\u001B[36m";

    private final boolean colours;

    private StatusView(boolean colours) {
        this.colours = colours;
    }

    public static StatusView plain() {
        return new StatusView(false);
    }

    public static StatusView coloured() {
        return new StatusView(true);
    }

    /** {@code ferry status}: one line per run. */
    public List<String> table(List<MigrationStatus> runs) {
        if (runs.isEmpty()) {
            return List.of("no migrations yet: start one with `ferry apply PLAN.yaml`");
        }
        var table = new Table().row("ID", "PLAN", "STATE", "STARTED", "FINISHED", "STEPS");
        for (MigrationStatus run : runs) {
            table.row(
                    run.id(),
                    text(run.planName()),
                    runState(run.state()),
                    time(run.startedAt()),
                    time(run.finishedAt()),
                    run.stepsDone() + "/" + run.stepCount());
        }
        return table.lines();
    }

    /** {@code ferry status ID}: the run's phases and, per service, each phase's step, then errors and results. */
    public List<String> detail(MigrationStatus run, Instant now) {
        var lines = new ArrayList<>(frame(run, now));
        lines.addAll(section("errors:", errors(run, Integer.MAX_VALUE)));
        lines.addAll(section("results:", results(run)));
        return lines;
    }

    /** One screen of {@code ferry status ID --watch} on a terminal, redrawn after each change. */
    public List<String> live(MigrationStatus run, Instant now) {
        var lines = new ArrayList<>(frame(run, now));
        lines.addAll(section("latest errors:", errors(run, LIVE_ERRORS)));
        return lines;
    }

    /**
     * {@code ferry status ID --watch} into a pipe or file: one line per thing that changed between two states of a
     * run. With no earlier state, every phase and every step that has started is reported.
     */
    public List<String> changes(MigrationStatus before, MigrationStatus after) {
        var lines = new ArrayList<String>();
        if (before == null || before.state() != after.state()) {
            lines.add("migration " + after.id() + " (" + text(after.planName()) + ") " + after.state());
        }
        for (Phase phase : after.phases()) {
            Optional<Phase> earlier = phaseOf(before, phase.name());
            boolean newPhase = earlier.isEmpty() && phase.state() != PhaseState.PENDING;
            if (newPhase || earlier.filter(p -> p.state() != phase.state()).isPresent()) {
                String hint = approvalCommand(after, phase)
                        .map(command -> " (waits for approval: " + command + ")")
                        .orElse("");
                lines.add("phase " + phase.name() + " " + phase.state() + hint);
            }
            for (Step step : phase.steps()) {
                Optional<Step> was = earlier.flatMap(p -> stepOf(p, step.service()));
                boolean changed = was.isEmpty()
                        ? step.state() != StepState.PENDING
                        : was.get().state() != step.state() || was.get().attempt() != step.attempt();
                if (changed) {
                    lines.add(stepChange(phase, step));
                }
            }
        }
        if (after.state().isFinal() && (before == null || !before.state().isFinal())) {
            lines.add(summary(after));
        }
        return lines;
    }

    /** The last line of a watch: how the run ended and how long it took. */
    public String summary(MigrationStatus run) {
        String took = run.startedAt() == null || run.finishedAt() == null
                ? ""
                : " in " + elapsed(Duration.between(run.startedAt(), run.finishedAt()));
        return "migration " + run.id() + " " + run.state() + took + ": " + run.stepsDone() + "/" + run.stepCount()
                + " steps done";
    }

    private List<String> frame(MigrationStatus run, Instant now) {
        var lines = new ArrayList<String>();
        lines.add(paint(BOLD, text(run.planName())) + "  migration " + run.id() + "  " + runState(run.state()) + "  "
                + duration(run, now));
        lines.add("");
        var phases = new Table().row("PHASE", "ACTION", "ENV", "STATE", "PROGRESS");
        for (Phase phase : run.phases()) {
            phases.row(
                    phase.name(),
                    text(phase.action()),
                    text(phase.environment()),
                    phaseState(phase.state()),
                    bar(phase.done(), phase.steps().size(), failed(phase.steps())));
        }
        lines.addAll(phases.lines());
        lines.add("");
        lines.addAll(services(run));
        for (Phase phase : run.phases()) {
            approvalCommand(run, phase).ifPresent(command -> {
                lines.add("");
                lines.add(paint(CYAN, "phase " + phase.name() + " waits for approval: " + command));
            });
        }
        return lines;
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
                Optional<Step> step = stepOf(phase, service);
                step.ifPresent(steps::add);
                row.add(step.map(this::stepCell).orElse("-"));
            }
            long done = steps.stream().filter(step -> step.state().isDone()).count();
            row.add(bar(done, steps.size(), failed(steps)));
            table.row(row);
        }
        return table.lines();
    }

    private String bar(long done, long total, boolean failed) {
        int filled = total == 0 ? 0 : (int) (done * BAR_WIDTH / total);
        String count = " " + done + "/" + total;
        if (!colours) {
            return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]" + count;
        }
        String colour = failed ? RED : done == total ? GREEN : YELLOW;
        return paint(colour, "█".repeat(filled)) + paint(DIM, "░".repeat(BAR_WIDTH - filled)) + count;
    }

    private String stepCell(Step step) {
        String word = step.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String text = step.attempt() > 1 ? word + "#" + step.attempt() : word;
        return switch (step.state()) {
            case SUCCEEDED -> paint(GREEN, text);
            case STARTED, RETRY_WAIT -> paint(YELLOW, text);
            case FAILED -> paint(RED, text);
            case PENDING, SKIPPED, UNKNOWN -> paint(DIM, text);
        };
    }

    private String runState(RunState state) {
        return switch (state) {
            case SUCCEEDED -> paint(GREEN, state.name());
            case FAILED, ABORTED -> paint(RED, state.name());
            case RUNNING, PAUSED -> paint(YELLOW, state.name());
            case PENDING, UNKNOWN -> state.name();
        };
    }

    private String phaseState(PhaseState state) {
        return switch (state) {
            case SUCCEEDED -> paint(GREEN, state.name());
            case FAILED, PARTIALLY_FAILED -> paint(RED, state.name());
            case RUNNING -> paint(YELLOW, state.name());
            case AWAITING_APPROVAL -> paint(CYAN, state.name());
            case PENDING, UNKNOWN -> paint(DIM, state.name());
        };
    }

    private String stepChange(Phase phase, Step step) {
        var line = new StringBuilder(phase.name() + "/" + step.service() + " " + step.state());
        if (step.attempt() > 1) {
            line.append(" (attempt ").append(step.attempt()).append(')');
        }
        if ((step.state() == StepState.FAILED || step.state() == StepState.RETRY_WAIT) && step.lastError() != null) {
            line.append(": ").append(firstLine(step.lastError()));
        }
        if (step.state() == StepState.SUCCEEDED && !step.result().isEmpty()) {
            line.append(" ").append(resultText(step.result()));
        }
        return line.toString();
    }

    private List<String> errors(MigrationStatus run, int limit) {
        var errors = new ArrayList<String>();
        for (Phase phase : run.phases()) {
            for (Step step : phase.steps()) {
                boolean failing = step.state() == StepState.FAILED || step.state() == StepState.RETRY_WAIT;
                if (failing && step.lastError() != null) {
                    errors.add("  " + phase.name() + "/" + step.service() + " attempt " + step.attempt() + ": "
                            + paint(RED, firstLine(step.lastError())));
                }
            }
        }
        return errors.size() <= limit ? errors : errors.subList(errors.size() - limit, errors.size());
    }

    private List<String> results(MigrationStatus run) {
        var table = new Table();
        for (Phase phase : run.phases()) {
            for (Step step : phase.steps()) {
                if (!step.result().isEmpty()) {
                    table.row("  " + phase.name() + "/" + step.service(), resultText(step.result()));
                }
            }
        }
        return table.lines();
    }

    private static List<String> section(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        var section = new ArrayList<String>();
        section.add("");
        section.add(title);
        section.addAll(lines);
        return section;
    }

    private static Optional<String> approvalCommand(MigrationStatus run, Phase phase) {
        if (phase.state() != PhaseState.AWAITING_APPROVAL) {
            return Optional.empty();
        }
        String environment = phase.environment() == null ? "" : " --environment " + phase.environment();
        return Optional.of("ferry approve " + run.id() + " --phase " + phase.name() + environment);
    }

    private static String resultText(Map<String, String> result) {
        var sorted = new TreeMap<>(result);
        var parts = new ArrayList<String>();
        sorted.forEach((key, value) -> parts.add(key + "=" + value));
        return String.join(" ", parts);
    }

    private static boolean failed(List<Step> steps) {
        return steps.stream().anyMatch(step -> step.state() == StepState.FAILED);
    }

    private static Optional<Phase> phaseOf(MigrationStatus run, String name) {
        return run == null
                ? Optional.empty()
                : run.phases().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Optional<Step> stepOf(Phase phase, String service) {
        return phase.steps().stream()
                .filter(step -> Objects.equals(step.service(), service))
                .findFirst();
    }

    private static String duration(MigrationStatus run, Instant now) {
        if (run.startedAt() == null) {
            return "not started";
        }
        Instant end = run.finishedAt() != null ? run.finishedAt() : now;
        String verb = run.finishedAt() != null ? "took " : "running for ";
        return verb + elapsed(Duration.between(run.startedAt(), end));
    }

    static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + String.format("%02ds", seconds % 60);
        }
        return seconds / 3600 + "h " + String.format("%02dm", seconds % 3600 / 60);
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    private String paint(String colour, String text) {
        return colours ? colour + text + RESET : text;
    }
}
