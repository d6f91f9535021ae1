package dev.ferry.data.domain;

import dev.ferry.plan.action.MigrateData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code migrate-data} step copies, read from the phase's settings: the two databases, the tables with their
 * renames, filters and target names, the lag that is good enough and whether existing rows may be merged.
 */
public record MigrationSpec(
        StepKey key,
        DatabaseRef source,
        DatabaseRef target,
        List<TableMapping> tables,
        Duration maxLag,
        boolean merge) {

    public MigrationSpec {
        tables = List.copyOf(tables);
    }

    /** Reads and checks the settings; every problem names the setting and the value. */
    public static MigrationSpec from(StepKey key, Map<String, String> settings) {
        var source = new DatabaseRef(
                required(settings, MigrateData.SOURCE_DATABASE), required(settings, MigrateData.SOURCE_CREDENTIAL_REF));
        var target = new DatabaseRef(
                required(settings, MigrateData.TARGET_DATABASE), required(settings, MigrateData.TARGET_CREDENTIAL_REF));
        if (target.isMariaDb()) {
            throw DataStepFailure.invalid("targetDatabase " + target + " is MariaDB/MySQL; migrate-data writes to"
                    + " PostgreSQL only (the source may be either)");
        }
        List<String> written = MigrateData.tables(settings);
        if (written.isEmpty()) {
            throw DataStepFailure.invalid("migrate-data phase " + key.phase() + " lists no tables");
        }
        var tables = new ArrayList<TableMapping>();
        var renames = renamesByTable(MigrateData.renames(settings), written);
        Map<String, String> filters = MigrateData.filters(settings);
        Map<String, String> targets = MigrateData.targetTables(settings);
        checkNamesTables(filters.keySet(), written, "filters");
        checkNamesTables(targets.keySet(), written, "targetTables");
        var seenTargets = new HashSet<TableName>();
        for (String table : written) {
            TableName sourceName = sourceName(source, table);
            TableName targetName = TableName.of(targets.getOrDefault(table, table));
            if (!seenTargets.add(targetName)) {
                throw DataStepFailure.invalid("two tables of phase " + key.phase() + " go to " + targetName);
            }
            tables.add(new TableMapping(
                    sourceName,
                    targetName,
                    renames.getOrDefault(table, Map.of()),
                    Optional.ofNullable(filters.get(table)).filter(filter -> !filter.isBlank())));
        }
        return new MigrationSpec(
                key, source, target, tables, MigrateData.maxLag(settings), MigrateData.merges(settings));
    }

    /**
     * A MariaDB server has databases where PostgreSQL has schemas: a plan's {@code users} there is the table of the
     * source URL's database ({@code shop.users}); its target keeps PostgreSQL's reading ({@code public.users}).
     */
    private static TableName sourceName(DatabaseRef source, String table) {
        TableName name = TableName.of(table);
        return source.isMariaDb() && !table.contains(".") ? new TableName(source.database(), name.name()) : name;
    }

    public Optional<TableMapping> table(TableName source) {
        return tables.stream().filter(table -> table.source().equals(source)).findFirst();
    }

    private static Map<String, Map<String, String>> renamesByTable(Map<String, String> renames, List<String> tables) {
        var byTable = new HashMap<String, Map<String, String>>();
        renames.forEach((column, newName) -> {
            int dot = column.lastIndexOf('.');
            String table = dot < 0 ? "" : column.substring(0, dot);
            if (!tables.contains(table)) {
                throw DataStepFailure.invalid("renames." + column + " names no table of the phase; write"
                        + " table.column: new_name for one of " + String.join(", ", tables));
            }
            byTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column.substring(dot + 1), newName);
        });
        return byTable;
    }

    private static void checkNamesTables(Iterable<String> names, List<String> tables, String field) {
        for (String name : names) {
            if (!tables.contains(name)) {
                throw DataStepFailure.invalid(field + "." + name + " names no table of the phase; the tables are "
                        + String.join(", ", tables));
            }
        }
    }

    private static String required(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw DataStepFailure.invalid("migrate-data needs " + name);
        }
        return value;
    }
}
