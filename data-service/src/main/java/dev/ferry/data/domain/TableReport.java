package dev.ferry.data.domain;

import java.util.List;
import java.util.Optional;

/**
 * How one table compared: the rows on each side, the checksum of the whole table (over its chunks' checksums), and
 * the first key range that differs with a few of its rows, if any.
 */
public record TableReport(
        TableName source,
        TableName target,
        long sourceRows,
        long targetRows,
        String checksum,
        Optional<Difference> difference) {

    /** The first range whose rows differ, with up to five keys and what differs about them (no column values). */
    public record Difference(KeyRange range, long sourceRows, long targetRows, List<String> samples) {
        public Difference {
            samples = List.copyOf(samples);
        }
    }

    public boolean equal() {
        return difference.isEmpty() && sourceRows == targetRows;
    }

    /** One line for a person: the counts, and where it differs. */
    public String summary() {
        String counts = target + ": " + sourceRows + " rows in the source, " + targetRows + " in the target";
        return difference
                .map(d -> counts + "; first difference in key range " + d.range() + " (" + d.sourceRows() + " vs "
                        + d.targetRows() + " rows): " + String.join("; ", d.samples()))
                .orElse(counts + (equal() ? ", checksum " + checksum : ""));
    }
}
