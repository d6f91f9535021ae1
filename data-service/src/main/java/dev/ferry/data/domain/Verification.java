package dev.ferry.data.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Everything one verification found: each table's comparison and each foreign key's rows without a parent. */
public record Verification(List<TableReport> tables, List<Orphans> foreignKeys) {

    public Verification {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** Rows of the child table whose column names no row of the parent (null values are no reference). */
    public record Orphans(ForeignKey key, long rows, List<String> sampleValues) {
        public Orphans {
            sampleValues = List.copyOf(sampleValues);
        }

        String summary() {
            return key + ": " + rows + " row(s) without a parent"
                    + (sampleValues.isEmpty() ? "" : " (values " + String.join(", ", sampleValues) + ")");
        }
    }

    public boolean passed() {
        return tables.stream().allMatch(TableReport::equal)
                && foreignKeys.stream().allMatch(orphans -> orphans.rows() == 0);
    }

    public long rowsCompared() {
        return tables.stream().mapToLong(TableReport::sourceRows).sum();
    }

    /** {@code users=120,messages=4000}: each target table with its row count. */
    public String counts() {
        return tables.stream()
                .map(t -> t.target().name() + "=" + t.targetRows())
                .collect(Collectors.joining(","));
    }

    public String checksums() {
        return tables.stream().map(t -> t.target().name() + "=" + t.checksum()).collect(Collectors.joining(","));
    }

    public String foreignKeysChecked() {
        return foreignKeys.stream().map(o -> o.key().toString()).collect(Collectors.joining(","));
    }

    /** What differs, table by table and key by key, for a failed step's reason. */
    public String problems() {
        var lines = tables.stream().filter(t -> !t.equal()).map(TableReport::summary);
        var orphans = foreignKeys.stream().filter(o -> o.rows() > 0).map(Orphans::summary);
        return java.util.stream.Stream.concat(lines, orphans).collect(Collectors.joining("\n"));
    }
}
