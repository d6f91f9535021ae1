package dev.ferry.deploy.domain.manifest;

import java.util.Comparator;
import java.util.List;

/** Replace the characters {@code [start, end)} of a text with {@code replacement}; the unit of every edit we make. */
record Splice(int start, int end, String replacement) {

    /** Applies non-overlapping splices, last first, so earlier offsets stay valid. */
    static String apply(String text, List<Splice> splices) {
        var result = new StringBuilder(text);
        splices.stream()
                .sorted(Comparator.comparingInt(Splice::start).reversed())
                .forEach(s -> result.replace(s.start, s.end, s.replacement));
        return result.toString();
    }
}
