package dev.ferry.data.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TableComparisonTest {

    private static final TableMapping USERS =
            new TableMapping(TableName.of("users"), TableName.of("users"), Map.of(), Optional.empty());
    private static final List<String> COLUMNS = List.of("id", "name");

    @Test
    void equalTablesGiveEqualCountsAndOneChecksumOverAllChunks() {
        var source = table(1, 2500);
        var target = table(1, 2500);

        TableReport report = new TableComparison(1000).compare(USERS, COLUMNS, source, target);

        assertThat(report.equal()).isTrue();
        assertThat(report.sourceRows()).isEqualTo(2500);
        assertThat(report.targetRows()).isEqualTo(2500);
        assertThat(report.checksum()).hasSize(32);
        assertThat(source.rangesDigested).containsExactly("(start, 1000]", "(1000, 2000]", "(2000, end]");
    }

    @Test
    void namesTheFirstDifferingRangeAndTheKeysThatDiffer() {
        var source = table(1, 2500);
        var target = table(1, 2500);
        target.rows.put(1234L, "tampered");
        target.rows.remove(1300L);

        TableReport report = new TableComparison(1000).compare(USERS, COLUMNS, source, target);

        assertThat(report.equal()).isFalse();
        assertThat(report.summary())
                .contains("first difference in key range (1000, 2000] (1000 vs 999 rows)")
                .contains("key 1234 differs in column(s) name")
                .contains("key 1300 missing in the target");
    }

    @Test
    void countsRowsTheTargetHasBeyondTheSourcesLastKey() {
        var source = table(1, 10);
        var target = table(1, 12);

        TableReport report = new TableComparison(4).compare(USERS, COLUMNS, source, target);

        assertThat(report.summary()).contains("key range (8, end]").contains("key 11 only in the target");
    }

    private static FakeSide table(long first, long last) {
        var side = new FakeSide();
        for (long id = first; id <= last; id++) {
            side.rows.put(id, "user " + id);
        }
        return side;
    }

    /** A table in memory, answering as the SQL side does. */
    private static final class FakeSide implements TableSide {
        final TreeMap<Long, String> rows = new TreeMap<>();
        final List<String> rangesDigested = new ArrayList<>();

        @Override
        public Optional<List<String>> keyAfter(Optional<List<String>> after, int count) {
            return in(new KeyRange(after, Optional.empty())).keySet().stream()
                    .skip(count - 1)
                    .findFirst()
                    .map(id -> List.of(id.toString()));
        }

        @Override
        public Digest digest(KeyRange range) {
            rangesDigested.add(range.toString());
            var in = in(range);
            return new Digest(
                    in.size(),
                    in.isEmpty() ? null : Integer.toHexString(in.toString().hashCode()));
        }

        @Override
        public List<Row> rows(KeyRange range, int limit) {
            return in(range).entrySet().stream()
                    .limit(limit)
                    .map(e -> new Row(
                            List.of(e.getKey().toString()), List.of(e.getKey().toString(), e.getValue())))
                    .toList();
        }

        private java.util.SortedMap<Long, String> in(KeyRange range) {
            long from = range.after().map(k -> Long.parseLong(k.getFirst()) + 1).orElse(Long.MIN_VALUE);
            long to = range.upTo().map(k -> Long.parseLong(k.getFirst()) + 1).orElse(Long.MAX_VALUE);
            return rows.subMap(from, to);
        }
    }
}
