package dev.ferry.data.debezium;

import dev.ferry.data.domain.BinlogPosition;
import dev.ferry.runtime.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Writes the offsets file of a MySQL-connector stream that has not run yet, holding the binlog position Ferry's own
 * snapshot copy ends at, so the connector streams from there and snapshots no data. The file is what Kafka's
 * {@code FileOffsetBackingStore} reads: a serialized map from the JSON key {@code [engine name, {"server": topic
 * prefix}]} to the JSON offset {@code {"file": ..., "pos": ...}} the connector's offset loader takes.
 */
final class SeededOffsets {

    private SeededOffsets() {}

    static void write(Path file, String engineName, String topicPrefix, BinlogPosition position) throws IOException {
        byte[] key = json(true, List.of(engineName, Map.of("server", topicPrefix)));
        byte[] value = json(false, Map.of("file", position.file(), "pos", position.offset()));
        var raw = new HashMap<byte[], byte[]>();
        raw.put(key, value);
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(raw);
        }
        DurableFiles.replace(file, bytes.toByteArray());
    }

    /** As the embedded engine's offset converters write it: JSON without schemas. */
    private static byte[] json(boolean isKey, Object value) {
        try (var converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), isKey);
            return converter.fromConnectData("", null, value);
        }
    }
}
