package dev.ferry.data.debezium;

import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.jdbc.SourceFilters;
import dev.ferry.data.jdbc.TargetWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections a stream writes through, opened on first use and dropped after a failure: the target's writer, and
 * a source connection that evaluates the row filters on streamed changes.
 */
final class TargetSession {

    private final MigrationSpec spec;
    private final Map<TableName, TableShape> shapes;
    private final Connections connections;
    private TargetWriter writer;
    private Connection filterSource;

    TargetSession(MigrationSpec spec, Map<TableName, TableShape> shapes, Connections connections) {
        this.spec = spec;
        this.shapes = Map.copyOf(shapes);
        this.connections = connections;
    }

    /** Applies the changes of the step's tables, filtered, in one target transaction. */
    void apply(List<RowChange> changes) {
        writer().apply(filtered(changes));
    }

    private List<RowChange> filtered(List<RowChange> changes) {
        var out = new ArrayList<RowChange>(changes.size());
        for (RowChange change : changes) {
            TableMapping mapping = spec.table(change.table()).orElse(null);
            if (mapping == null) {
                continue;
            }
            out.add(
                    mapping.filter().isEmpty()
                            ? change
                            : new SourceFilters(filterSource(), spec.source())
                                    .apply(change, mapping, shapes.get(change.table())));
        }
        return out;
    }

    private TargetWriter writer() {
        if (writer == null) {
            writer = new TargetWriter(connections.openForWrites(spec.target()), spec.tables(), shapes);
        }
        return writer;
    }

    private Connection filterSource() {
        if (filterSource == null) {
            filterSource = connections.open(spec.source());
        }
        return filterSource;
    }

    /** Closes the connections; the next write opens new ones. */
    void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (filterSource != null) {
            try {
                filterSource.close();
            } catch (SQLException ignored) {
                // A broken connection is replaced on the next use.
            }
            filterSource = null;
        }
    }
}
