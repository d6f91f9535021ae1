package dev.ferry.data.jdbc;

import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A stream's initial copy, in named steps: drop what an interrupted attempt left (its slot, the rows in the tables the
 * step created), create the slot with an exported snapshot, then copy every table as that snapshot sees it. Running it
 * again starts over, so a copy cut short leaves no row behind that the source deleted meanwhile.
 */
public final class SnapshotCopy {

    private final Connections connections;
    private final MigrationSpec spec;
    private final Map<TableName, TableShape> shapes;
    private final List<TableName> createdTables;

    /** @param createdTables the target tables the step created: emptied first; the others (mode merge) are upserted */
    public SnapshotCopy(
            Connections connections,
            MigrationSpec spec,
            Map<TableName, TableShape> shapes,
            List<TableName> createdTables) {
        this.connections = connections;
        this.spec = spec;
        this.shapes = Map.copyOf(shapes);
        this.createdTables = List.copyOf(createdTables);
    }

    /**
     * Copies the tables and returns the slot's consistent point, from which the stream goes on.
     *
     * @param progress hears the rows copied, a batch at a time
     * @param cancelled a closing stream: the copy stops and nothing more is committed
     */
    public String run(LongConsumer progress, BooleanSupplier cancelled) {
        Slots.drop(connections, spec);
        emptyCreatedTables();
        try (ExportedSnapshot snapshot = ExportedSnapshot.create(connections, spec);
                Connection source = connections.open(spec.source());
                Connection target = connections.open(spec.target())) {
            snapshot.importInto(source);
            target.setAutoCommit(false);
            for (TableMapping table : spec.tables()) {
                new TableCopy(table, shapes.get(table.source()))
                        .copy(source, target, !createdTables.contains(table.target()), progress, cancelled);
            }
            source.commit();
            return snapshot.consistentPoint();
        } catch (SQLException e) {
            throw SqlFailures.translate(
                    e.getNextException() != null ? e.getNextException() : e,
                    "cannot copy the tables of " + spec.source() + " to " + spec.target());
        }
    }

    private void emptyCreatedTables() {
        if (createdTables.isEmpty()) {
            return;
        }
        try (var writer = new TargetWriter(connections.open(spec.target()), spec.tables(), shapes)) {
            writer.truncate(createdTables);
        }
    }
}
