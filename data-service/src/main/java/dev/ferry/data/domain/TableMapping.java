package dev.ferry.data.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table of a migration: where it comes from, where it goes, which columns the target names differently, and the
 * condition a source row meets to be copied.
 *
 * @param renames target column names by source column name
 * @param filter an SQL condition over the source row, or empty to copy every row
 */
public record TableMapping(TableName source, TableName target, Map<String, String> renames, Optional<String> filter) {

    public TableMapping {
        renames = Map.copyOf(renames);
    }

    /** The target's name of a source column. */
    public String targetColumn(String sourceColumn) {
        return renames.getOrDefault(sourceColumn, sourceColumn);
    }

    public List<String> targetColumns(List<String> sourceColumns) {
        return sourceColumns.stream().map(this::targetColumn).toList();
    }
}
