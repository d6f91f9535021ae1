package dev.ferry.data.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a table's two sides chunk by chunk in primary-key order: the source's keys cut the key space into ranges of
 * {@code chunkRows} (the last range is open, so rows the target has beyond the source's last key are counted too),
 * each side counts and checksums each range in the database, and the first range that differs is fetched on both sides
 * to name a few keys that differ.
 */
public final class TableComparison {

    private static final int SAMPLES = 5;

    private final int chunkRows;

    public TableComparison(int chunkRows) {
        if (chunkRows < 1) {
            throw DataStepFailure.invalid("chunkRows must be 1 or more, was " + chunkRows);
        }
        this.chunkRows = chunkRows;
    }

    /** @param columns the source's column names, in the order the sides give a row's values */
    public TableReport compare(TableMapping table, List<String> columns, TableSide source, TableSide target) {
        MessageDigest whole = md5();
        long sourceRows = 0;
        long targetRows = 0;
        Optional<TableReport.Difference> first = Optional.empty();
        Optional<List<String>> after = Optional.empty();
        while (true) {
            Optional<List<String>> upTo = source.keyAfter(after, chunkRows);
            var range = new KeyRange(after, upTo);
            TableSide.Digest left = source.digest(range);
            TableSide.Digest right = target.digest(range);
            sourceRows += left.rows();
            targetRows += right.rows();
            whole.update(String.valueOf(left.checksum()).getBytes(StandardCharsets.UTF_8));
            if (first.isEmpty() && !left.equals(right)) {
                // The rest is still counted, so the report gives both sides' whole counts.
                first = Optional.of(new TableReport.Difference(
                        range,
                        left.rows(),
                        right.rows(),
                        samples(columns, source.rows(range, chunkRows), target.rows(range, chunkRows))));
            }
            if (upTo.isEmpty()) {
                String checksum = first.isPresent() ? "" : HexFormat.of().formatHex(whole.digest());
                return new TableReport(table.source(), table.target(), sourceRows, targetRows, checksum, first);
            }
            after = upTo;
        }
    }

    /** Up to five keys that differ: missing in the target, only in the target, or the columns that differ. */
    static List<String> samples(List<String> columns, List<TableSide.Row> source, List<TableSide.Row> target) {
        Map<List<String>, List<String>> targetRows = new LinkedHashMap<>();
        target.forEach(row -> targetRows.put(row.key(), row.values()));
        var samples = new ArrayList<String>();
        for (TableSide.Row row : source) {
            if (samples.size() == SAMPLES) {
                return samples;
            }
            List<String> other = targetRows.remove(row.key());
            if (other == null) {
                samples.add("key " + KeyRange.shown(row.key()) + " missing in the target");
            } else if (!other.equals(row.values())) {
                samples.add("key " + KeyRange.shown(row.key()) + " differs in column(s) "
                        + differing(columns, row.values(), other));
            }
        }
        targetRows.keySet().stream()
                .limit(SAMPLES - samples.size())
                .forEach(key -> samples.add("key " + KeyRange.shown(key) + " only in the target"));
        return samples;
    }

    private static String differing(List<String> columns, List<String> left, List<String> right) {
        var names = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            if (!Objects.equals(left.get(i), right.get(i))) {
                names.add(columns.get(i));
            }
        }
        return String.join(", ", names);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
