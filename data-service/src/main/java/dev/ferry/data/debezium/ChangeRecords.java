package dev.ferry.data.debezium;

import dev.ferry.data.domain.BinlogPosition;
import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.TableName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads Debezium's records, of the PostgreSQL connector or of the MySQL one reading MariaDB: a row change of a copied
 * table, one of Ferry's markers (a logical decoding message with the prefix {@link #MARKER_PREFIX}, or a row written
 * to MariaDB's {@link Markers#MARKER_TABLE}, to find a point in the stream), or anything else (heartbeats, truncates),
 * which is passed over.
 */
final class ChangeRecords {

    static final String MARKER_PREFIX = "ferry";

    /** What Debezium sends for a large value an update did not change (PostgreSQL does not log it). */
    private static final String UNAVAILABLE = "__debezium_unavailable_value";

    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE.getBytes(StandardCharsets.UTF_8);

    private ChangeRecords() {}

    /** What a record is to the stream. */
    sealed interface Read {}

    /**
     * A change of a copied row; {@code sequence} places it against a snapshot: PostgreSQL's id of the transaction that
     * made it, or the {@link BinlogPosition#ordinal} of its binlog event (null when none is given).
     */
    record Change(RowChange change, Long sequence) implements Read {}

    /** One of Ferry's markers, with its text. */
    record Marker(String content) implements Read {}

    /** Nothing to apply. */
    record Other() implements Read {}

    static Read read(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return new Other();
        }
        String op = value.getString("op");
        if (Markers.MARKER_TABLE.equals(value.getStruct("source").get("table"))) {
            return op.equals("c") || op.equals("u")
                    ? new Marker(value.getStruct("after").getString("content"))
                    : new Other();
        }
        return switch (op) {
            case "m" -> marker(value);
            case "r", "c", "u" -> new Change(upsert(value), sequence(value));
            case "d" -> new Change(delete(record, value), sequence(value));
            default -> new Other();
        };
    }

    /**
     * Whether the record is the last of the connector's own snapshot (MariaDB's), or the first streamed after it: the
     * rows before it are all the snapshot holds.
     */
    static boolean endsSnapshot(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return false;
        }
        Struct source = value.getStruct("source");
        Object snapshot = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        return snapshot == null || "last".equals(snapshot) || "false".equals(snapshot);
    }

    /**
     * The source's log position of the record, as PostgreSQL writes an LSN ({@code 0/16B3748}) or as a binlog
     * position ({@code binlog.000003:1234}), or null.
     */
    static String position(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset.get("lsn") instanceof Number lsn) {
            return lsnText(lsn.longValue());
        }
        if (offset.get("file") instanceof String file && offset.get("pos") instanceof Number pos) {
            return new BinlogPosition(file, pos.longValue()).toString();
        }
        return null;
    }

    static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    private static Read marker(Struct value) {
        Struct message = value.getStruct("message");
        if (message == null || !MARKER_PREFIX.equals(message.getString("prefix"))) {
            return new Other();
        }
        Object content = message.get("content");
        byte[] bytes = content instanceof ByteBuffer buffer ? ValueText.bytes(buffer) : (byte[]) content;
        return new Marker(new String(bytes, StandardCharsets.UTF_8));
    }

    private static RowChange upsert(Struct value) {
        Struct after = value.getStruct("after");
        var values = new LinkedHashMap<String, String>();
        for (Field field : after.schema().fields()) {
            Object raw = after.get(field);
            if (!unavailable(raw)) {
                values.put(field.name(), ValueText.of(raw, field.schema()));
            }
        }
        return new RowChange.Upsert(table(value), values);
    }

    private static RowChange delete(SourceRecord record, Struct value) {
        Struct key = (Struct) record.key();
        return new RowChange.Delete(table(value), texts(key));
    }

    private static Map<String, String> texts(Struct struct) {
        var values = new LinkedHashMap<String, String>();
        for (Field field : struct.schema().fields()) {
            values.put(field.name(), ValueText.of(struct.get(field), field.schema()));
        }
        return values;
    }

    private static Long sequence(Struct value) {
        Struct source = value.getStruct("source");
        if (source.schema().field("file") != null) {
            return new BinlogPosition(source.getString("file"), source.getInt64("pos")).ordinal();
        }
        Object id = source.schema().field("txId") == null ? null : source.get("txId");
        return id instanceof Number number ? number.longValue() : null;
    }

    /** The row's table; MariaDB's database stands where PostgreSQL's schema does. */
    private static TableName table(Struct value) {
        Struct source = value.getStruct("source");
        // PostgreSQL's records name the database as well; its schema is what holds the table.
        String schema = source.schema().field("schema") != null ? source.getString("schema") : source.getString("db");
        return new TableName(schema, source.getString("table"));
    }

    private static boolean unavailable(Object raw) {
        return UNAVAILABLE.equals(raw)
                || (raw instanceof byte[] bytes && Arrays.equals(bytes, UNAVAILABLE_BYTES))
                || (raw instanceof ByteBuffer buffer && Arrays.equals(ValueText.bytes(buffer), UNAVAILABLE_BYTES));
    }
}
