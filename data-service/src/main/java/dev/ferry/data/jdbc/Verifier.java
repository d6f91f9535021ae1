package dev.ferry.data.jdbc;

import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableComparison;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableReport;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.domain.TableSide;
import dev.ferry.data.domain.Verification;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a migration's tables on both sides (the source read through the connection given, usually one whose
 * transaction sees the source as the held stream's target holds it) and checks the foreign keys the plan names in the
 * target.
 */
public final class Verifier {

    private static final int ORPHAN_SAMPLES = 5;

    private Verifier() {}

    public static Verification verify(
            MigrationSpec spec,
            Map<TableName, TableShape> shapes,
            Connection source,
            Connection target,
            List<ForeignKey> foreignKeys,
            int chunkRows) {
        var comparison = new TableComparison(chunkRows);
        var reports = new ArrayList<TableReport>();
        for (TableMapping table : spec.tables()) {
            TableShape shape = shapes.get(table.source());
            TableSide sourceSide = spec.source().isMariaDb()
                    ? new MariaDbTableSide(
                            source,
                            table.source(),
                            shape.columnNames(),
                            shape.columns().stream()
                                    .map(TableShape.Column::type)
                                    .toList(),
                            shape.primaryKey(),
                            shape.primaryKeyTypes(),
                            table.filter())
                    : new SqlTableSide(
                            source,
                            table.source(),
                            shape.columnNames(),
                            shape.primaryKey(),
                            shape.primaryKeyTypes(),
                            table.filter());
            var targetSide = new SqlTableSide(
                    target,
                    table.target(),
                    table.targetColumns(shape.columnNames()),
                    table.targetColumns(shape.primaryKey()),
                    shape.primaryKeyTypes(),
                    Optional.empty());
            reports.add(comparison.compare(table, shape.columnNames(), sourceSide, targetSide));
        }
        var orphans = new ArrayList<Verification.Orphans>();
        for (ForeignKey key : foreignKeys) {
            orphans.add(orphans(target, key));
        }
        return new Verification(reports, orphans);
    }

    private static Verification.Orphans orphans(Connection target, ForeignKey key) {
        String column = "c." + Sql.quote(key.column());
        String sql = "SELECT " + column + "::text FROM " + key.child().sql() + " c WHERE " + column + " IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM " + key.parent().sql() + " p WHERE p." + Sql.quote(key.parentColumn())
                + " = " + column + ")";
        try (var statement = target.createStatement()) {
            long rows;
            try (var result = statement.executeQuery("SELECT count(*) FROM (" + sql + ") AS orphans")) {
                result.next();
                rows = result.getLong(1);
            }
            var samples = new ArrayList<String>();
            try (var result = statement.executeQuery(sql + " LIMIT " + ORPHAN_SAMPLES)) {
                while (result.next()) {
                    samples.add(result.getString(1));
                }
            }
            return new Verification.Orphans(key, rows, samples);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot check foreign key " + key + " in the target");
        }
    }
}
