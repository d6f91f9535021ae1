package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.ShapeChecks;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table work around a stream: reading the source tables' shapes (refusing what cannot be copied), checking the
 * target before anything is written, creating the missing target tables, and dropping them again on a rollback.
 */
public final class Tables {

    private final Connections connections;

    public Tables(Connections connections) {
        this.connections = connections;
    }

    /**
     * The source tables' shapes by source name, their types those the target holds them in; refuses a source that
     * cannot stream its changes or a table it cannot copy, naming every problem.
     */
    public Map<TableName, TableShape> sourceShapes(MigrationSpec spec) {
        try (Connection source = connections.open(spec.source())) {
            if (spec.source().isMariaDb()) {
                MariaDbCatalog.requireRowBinlog(source, spec.source().jdbcUrl());
            } else {
                Catalog.requireLogicalDecoding(source, spec.source().jdbcUrl());
            }
            var shapes = new LinkedHashMap<TableName, TableShape>();
            var problems = new ArrayList<String>();
            for (TableMapping table : spec.tables()) {
                TableShape shape = (spec.source().isMariaDb()
                                ? MariaDbCatalog.shape(source, table.source())
                                : Catalog.shape(source, table.source()))
                        .orElseThrow(() -> new DataStepFailure(
                                DataStepFailure.Kind.NOT_FOUND,
                                false,
                                "source " + spec.source() + " has no table " + table.source()));
                problems.addAll(ShapeChecks.ofSource(table, shape));
                shapes.put(table.source(), shape);
            }
            if (!problems.isEmpty()) {
                throw DataStepFailure.invalid(String.join("; ", problems));
            }
            return shapes;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the source " + spec.source());
        }
    }

    /**
     * The target tables that do not exist yet (the step will create them); refuses, before anything is written, a
     * target table that cannot hold a column or that holds rows while the plan did not say {@code mode: merge}.
     */
    public List<TableName> missingTargets(MigrationSpec spec, Map<TableName, TableShape> shapes) {
        try (Connection target = connections.open(spec.target())) {
            var missing = new ArrayList<TableName>();
            var problems = new ArrayList<String>();
            for (TableMapping table : spec.tables()) {
                var existing = Catalog.shape(target, table.target());
                if (existing.isEmpty()) {
                    missing.add(table.target());
                    continue;
                }
                problems.addAll(ShapeChecks.ofTarget(table, shapes.get(table.source()), existing.get()));
                if (!spec.merge() && Catalog.hasRows(target, table.target())) {
                    throw new DataStepFailure(
                            DataStepFailure.Kind.CONFLICT,
                            false,
                            "target table " + table.target()
                                    + " in " + spec.target()
                                    + " already holds rows Ferry did not copy; empty it, or set"
                                    + " mode: merge to keep them (copied rows replace those with the same key)");
                }
            }
            if (!problems.isEmpty()) {
                throw DataStepFailure.invalid(String.join("; ", problems));
            }
            return missing;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the target " + spec.target());
        }
    }

    /** Creates the listed target tables that are still missing, shaped like their source tables. */
    public void create(MigrationSpec spec, Map<TableName, TableShape> shapes, List<TableName> targets) {
        try (Connection target = connections.open(spec.target());
                var statement = target.createStatement()) {
            for (TableMapping table : spec.tables()) {
                if (targets.contains(table.target())
                        && Catalog.shape(target, table.target()).isEmpty()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS "
                            + Sql.quote(table.target().schema()));
                    statement.execute(ShapeChecks.createTable(table, shapes.get(table.source())));
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot create the target tables in " + spec.target());
        }
    }

    public void drop(MigrationSpec spec, List<TableName> targets) {
        try (Connection target = connections.open(spec.target());
                var statement = target.createStatement()) {
            for (TableName table : targets) {
                statement.execute("DROP TABLE IF EXISTS " + table.sql());
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot drop the target tables in " + spec.target());
        }
    }
}
