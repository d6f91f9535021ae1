package dev.ferry.data.domain;

import java.util.List;
import java.util.Optional;

/**
 * A table's columns in order, each with its SQL type as the database spells it ({@code character varying(120)}), and
 * its primary key columns in key order.
 */
public record TableShape(TableName table, List<Column> columns, List<String> primaryKey) {

    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** One column: its name, its type, and whether it may be null. */
    public record Column(String name, String type, boolean nullable) {}

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    public String typeOf(String column) {
        return column(column).map(Column::type).orElseThrow();
    }

    public List<String> primaryKeyTypes() {
        return primaryKey.stream().map(this::typeOf).toList();
    }
}
