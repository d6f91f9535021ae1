package dev.ferry.data.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL type a MariaDB/MySQL column becomes in the target, chosen so every value of the source type fits and
 * reads back as the same text (see {@code docs/configuration.md}, "Checksums across engines"). Types without such a
 * home are refused by name before anything is copied: {@code bit}, the spatial types, MariaDB's {@code uuid},
 * {@code inet4}/{@code inet6} and anything not listed here.
 */
public final class MariaDbTypes {

    private MariaDbTypes() {}

    /**
     * A column as MariaDB's {@code information_schema.COLUMNS} describes it.
     *
     * @param dataType {@code DATA_TYPE}, e.g. {@code int}
     * @param columnType {@code COLUMN_TYPE}, e.g. {@code int(10) unsigned}
     * @param length {@code CHARACTER_MAXIMUM_LENGTH} (characters or bytes), null when none
     * @param precision {@code NUMERIC_PRECISION}, null when none
     * @param scale {@code NUMERIC_SCALE}, null when none
     * @param fraction {@code DATETIME_PRECISION}, null when none
     */
    public record Column(String dataType, String columnType, Long length, Long precision, Long scale, Long fraction) {

        boolean unsigned() {
            return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        }
    }

    /** The target type, or empty when data-service does not carry the source type. */
    public static Optional<String> postgresType(Column column) {
        String type = column.dataType().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(
                switch (type) {
                    case "tinyint", "year" -> "smallint";
                    case "smallint" -> column.unsigned() ? "integer" : "smallint";
                    case "mediumint" -> "integer";
                    case "int", "integer" -> column.unsigned() ? "bigint" : "integer";
                    case "bigint" -> column.unsigned() ? "numeric(20,0)" : "bigint";
                    case "decimal", "numeric" -> "numeric(" + column.precision() + "," + column.scale() + ")";
                    case "float" -> "real";
                    case "double", "real" -> "double precision";
                    case "char" -> "character(" + column.length() + ")";
                    case "varchar" -> "character varying(" + column.length() + ")";
                    case "tinytext", "text", "mediumtext", "longtext", "json", "enum", "set" -> "text";
                    case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> "bytea";
                    case "date" -> "date";
                    case "datetime" -> "timestamp(" + fraction(column) + ") without time zone";
                    case "timestamp" -> "timestamp(" + fraction(column) + ") with time zone";
                    case "time" -> "time(" + fraction(column) + ") without time zone";
                    default -> null;
                });
    }

    private static long fraction(Column column) {
        return column.fraction() == null ? 0 : column.fraction();
    }
}
