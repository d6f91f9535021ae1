package dev.ferry.deploy.traffic;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One evaluation of one query while a weight was held: when, at which weight, the values Prometheus returned (one per
 * series) and the verdict. Its {@link #line} is what {@code ferry status} and the step's result show.
 */
public record Evaluation(Instant at, int weight, String check, List<Double> values, Verdict verdict, String note) {

    /** What an evaluation counts as. */
    public enum Verdict {
        /** Every series satisfied the condition (or there was none and the plan lets no data pass). */
        PASS,
        /** A series broke the condition, or there was none and no data fails. */
        FAIL,
        /** Prometheus could not be asked: counts neither way, and the shift does not advance past it. */
        UNREACHABLE
    }

    public Evaluation {
        values = List.copyOf(values);
        note = note == null ? "" : note;
    }

    /** {@code 2026-12-05T06:00:00Z 25% errorRatio=0.0021 pass}. */
    public String line() {
        String shown = values.isEmpty()
                ? "no data"
                : values.stream().map(Evaluation::number).collect(Collectors.joining(","));
        return at + " " + weight + "% " + check + "=" + shown + " "
                + verdict.name().toLowerCase(Locale.ROOT) + (note.isEmpty() ? "" : " (" + note + ")");
    }

    static String number(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6g", value);
    }
}
