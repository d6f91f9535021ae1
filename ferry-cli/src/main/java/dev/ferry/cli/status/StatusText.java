package dev.ferry.cli.status;

import dev.ferry.cli.status.MigrationStatus.Phase;
import dev.ferry.cli.status.MigrationStatus.PhaseState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The plain-text pieces every part of a status screen shares: missing values, times, durations, results. */
final class StatusText {

    private StatusText() {}

    /** The value, or "-" when the planner sent none. */
    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** As a person would say it: {@code 42s}, {@code 4m 12s}, {@code 2h 05m}. */
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

    /** The first line of a (stack-trace-like) message, with "..." when more was cut off. */
    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    /**
     * A step's results as {@code key=value} pairs in key order. A value of several lines (a traffic shift's
     * evaluations, one per line) is shown as its count and its last line, which is the newest.
     */
    static String results(Map<String, String> result) {
        var parts = new ArrayList<String>();
        new TreeMap<>(result).forEach((key, value) -> parts.add(key + "=" + oneLine(value)));
        return String.join(" ", parts);
    }

    private static String oneLine(String value) {
        if (value == null || value.indexOf('\n') < 0) {
            return value;
        }
        String[] lines = value.split("\n");
        return "[" + lines.length + " lines, last: " + lines[lines.length - 1] + "]";
    }

    /** The command that approves the phase, when it waits for approval. */
    static Optional<String> approvalCommand(MigrationStatus run, Phase phase) {
        if (phase.state() != PhaseState.AWAITING_APPROVAL) {
            return Optional.empty();
        }
        String environment = phase.environment() == null ? "" : " --environment " + phase.environment();
        String role = phase.approvalsMissing().isEmpty() ? "" : " --role " + String.join("|", phase.approvalsMissing());
        return Optional.of("ferry approve " + run.id() + " --phase " + phase.name() + environment + role);
    }
}
