package dev.ferry.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the planner's {@link MigrationStatus} into lines of text, with nothing else involved: no I/O, no clock (the
 * caller passes "now"), so every screen the CLI shows is tested as plain strings.
 *
 * <p>With colours on, states are coloured and progress bars drawn with block characters; without, everything is
 * plain ASCII for logs and pipes (see {@link Palette}). Each part of a screen is its own class: {@link RunList},
 * {@link RunFrame}, {@link StepErrors}, {@link StepResults}, {@link RunChanges}.
 */
public final class StatusView {

    private static final int LIVE_ERRORS = 5;

    private final Palette palette;
    private final RunFrame frame;

    private StatusView(Palette palette) {
        this.palette = palette;
        this.frame = new RunFrame(palette);
    }

    public static StatusView plain() {
        return new StatusView(Palette.plain());
    }

    public static StatusView coloured() {
        return new StatusView(Palette.coloured());
    }

    /** {@code ferry status}: one line per run. */
    public List<String> table(List<MigrationStatus> runs) {
        return RunList.lines(runs, palette);
    }

    /** {@code ferry status ID}: the run's phases and, per service, each phase's step, then errors and results. */
    public List<String> detail(MigrationStatus run, Instant now) {
        var lines = new ArrayList<>(frame.lines(run, now));
        lines.addAll(section("errors:", StepErrors.lines(run, Integer.MAX_VALUE, palette)));
        lines.addAll(section("results:", StepResults.lines(run)));
        return lines;
    }

    /** One screen of {@code ferry status ID --watch} on a terminal, redrawn after each change. */
    public List<String> live(MigrationStatus run, Instant now) {
        var lines = new ArrayList<>(frame.lines(run, now));
        lines.addAll(section("running jobs:", jobOutput(run)));
        lines.addAll(section("latest errors:", StepErrors.lines(run, LIVE_ERRORS, palette)));
        return lines;
    }

    /** What each running job printed last, under its phase and service. */
    private static List<String> jobOutput(MigrationStatus run) {
        var lines = new ArrayList<String>();
        for (MigrationStatus.Phase phase : run.phases()) {
            for (MigrationStatus.Step step : phase.steps()) {
                if (!step.output().isEmpty()) {
                    lines.add("  " + phase.name() + " " + step.service() + ":");
                    step.output().forEach(line -> lines.add("    | " + line));
                }
            }
        }
        return lines;
    }

    /**
     * {@code ferry status ID --watch} into a pipe or file: one line per thing that changed between two states of a
     * run. With no earlier state, every phase and every step that has started is reported.
     */
    public List<String> changes(MigrationStatus before, MigrationStatus after) {
        return RunChanges.between(before, after);
    }

    /** The last line of a watch: how the run ended and how long it took. */
    public String summary(MigrationStatus run) {
        return RunChanges.summary(run);
    }

    /** A duration as every screen writes it: {@code 42s}, {@code 4m 12s}, {@code 2h 05m}. */
    static String elapsed(Duration duration) {
        return StatusText.elapsed(duration);
    }

    /** A titled section after a blank line, or nothing when it has no lines. */
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
}
