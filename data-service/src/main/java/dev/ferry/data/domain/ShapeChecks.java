package dev.ferry.data.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must hold before a single row is copied: the source table has a primary key (changes are applied by it), the
 * renames name real columns, every column has a type the copy carries, and an existing target table can hold each
 * column. Every problem names the table and the column.
 */
public final class ShapeChecks {

    /** Types whose text form the copy carries exactly; anything else (arrays, enums, geometry) is refused by name. */
    private static final Set<String> CARRIED = Set.of(
            "smallint",
            "integer",
            "bigint",
            "numeric",
            "real",
            "double precision",
            "boolean",
            "text",
            "character varying",
            "character",
            "uuid",
            "json",
            "jsonb",
            "bytea",
            "date",
            "timestamp without time zone",
            "timestamp with time zone",
            "time without time zone",
            "time with time zone",
            "interval",
            "inet",
            "cidr",
            "macaddr",
            "xml");

    private static final Pattern SIZED = Pattern.compile("^(.*?)\\(([0-9]+)(?:,([0-9]+))?\\)(.*)$");
    private static final Set<String> CHARACTER_TYPES = Set.of("text", "character varying", "character");

    private ShapeChecks() {}

    /** The source table's problems for this mapping; empty when it can be copied. */
    public static List<String> ofSource(TableMapping mapping, TableShape source) {
        var problems = new ArrayList<String>();
        if (source.primaryKey().isEmpty()) {
            problems.add("table " + source.table() + " has no primary key; data-service applies changes by key,"
                    + " so add one (or leave the table out of tables)");
        }
        mapping.renames().keySet().stream()
                .filter(column -> source.column(column).isEmpty())
                .forEach(column -> problems.add("renames." + mapping.source().name() + "." + column + ": table "
                        + source.table() + " has no column " + column));
        for (TableShape.Column column : source.columns()) {
            if (!CARRIED.contains(baseType(column.type()))) {
                problems.add("column " + source.table() + "." + column.name() + " has type " + column.type()
                        + ", which data-service does not copy; leave the table out or change the column");
            }
        }
        return problems;
    }

    /** Whether an existing target table can hold every copied column; empty when it can. */
    public static List<String> ofTarget(TableMapping mapping, TableShape source, TableShape target) {
        var problems = new ArrayList<String>();
        for (TableShape.Column column : source.columns()) {
            String name = mapping.targetColumn(column.name());
            var held = target.column(name);
            if (held.isEmpty()) {
                problems.add("target table " + target.table() + " has no column " + name + " for " + source.table()
                        + "." + column.name());
            } else if (!holds(held.get().type(), column.type())) {
                problems.add("target column " + target.table() + "." + name + " is "
                        + held.get().type() + " and cannot hold " + source.table() + "." + column.name() + " ("
                        + column.type() + ")");
            }
        }
        var sourceKey = mapping.targetColumns(source.primaryKey());
        if (!target.primaryKey().equals(sourceKey)) {
            problems.add("target table " + target.table() + " has primary key " + target.primaryKey()
                    + " where the source's is " + sourceKey + "; upserts need the same key");
        }
        return problems;
    }

    /** The {@code CREATE TABLE} for a target table shaped like the source, with the renames and the primary key. */
    public static String createTable(TableMapping mapping, TableShape source) {
        var columns = new ArrayList<String>();
        for (TableShape.Column column : source.columns()) {
            columns.add(Sql.quote(mapping.targetColumn(column.name())) + " " + column.type()
                    + (column.nullable() ? "" : " NOT NULL"));
        }
        columns.add("PRIMARY KEY (" + Sql.quoted(mapping.targetColumns(source.primaryKey())) + ")");
        return "CREATE TABLE " + mapping.target().sql() + " (" + String.join(", ", columns) + ")";
    }

    /** Whether a column of type {@code held} takes every value of type {@code copied}. */
    static boolean holds(String held, String copied) {
        if (held.equals(copied)) {
            return true;
        }
        String heldBase = baseType(held);
        String copiedBase = baseType(copied);
        if (heldBase.equals("text") && CHARACTER_TYPES.contains(copiedBase)) {
            return true;
        }
        if (!heldBase.equals(copiedBase)) {
            return false;
        }
        int[] heldSize = size(held);
        int[] copiedSize = size(copied);
        // No size on the target (varchar, numeric) takes any size; a sized target must be at least as large.
        return heldSize.length == 0
                || (copiedSize.length > 0
                        && heldSize[0] >= copiedSize[0]
                        && (heldSize.length < 2 || copiedSize.length < 2 || heldSize[1] >= copiedSize[1]));
    }

    /** The type without its size: {@code character varying(20)} is {@code character varying}. */
    public static String baseType(String type) {
        Matcher sized = SIZED.matcher(type);
        return sized.matches() ? (sized.group(1) + sized.group(4)).trim() : type;
    }

    private static int[] size(String type) {
        Matcher sized = SIZED.matcher(type);
        if (!sized.matches()) {
            return new int[0];
        }
        return sized.group(3) == null
                ? new int[] {Integer.parseInt(sized.group(2))}
                : new int[] {Integer.parseInt(sized.group(2)), Integer.parseInt(sized.group(3))};
    }
}
