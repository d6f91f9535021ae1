package dev.ferry.planner.outbox;

import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** One outbox row as Debezium saw it being inserted. */
record OutboxRow(long position, String id, String topic, String key, byte[] payload) {

    /** The inserted row of a change event, or null for anything else (updates, deletes, tombstones). */
    static OutboxRow inserted(SourceRecord record) {
        if (!(record.value() instanceof Struct value)) {
            return null;
        }
        String operation = value.getString("op");
        if (!"c".equals(operation) && !"r".equals(operation)) {
            return null;
        }
        Struct after = value.getStruct("after");
        return new OutboxRow(
                after.getInt64("position"),
                after.get("id").toString(),
                after.getString("topic"),
                after.getString("record_key"),
                bytes(after.get("payload")));
    }

    private static byte[] bytes(Object payload) {
        if (payload instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) payload;
    }
}
