package dev.ferry.data.debezium;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.kafka.connect.data.Schema;

/**
 * A Debezium value as PostgreSQL's text for it, which the writer casts back to the column's type: Debezium's time
 * types (days, milli-, micro- and nanoseconds since the epoch) become ISO dates and times, bytes become {@code bytea}'s
 * hex form; decimals and intervals arrive as text already (the connector is configured so), as do JSON, UUIDs and
 * times with a zone.
 */
final class ValueText {

    private ValueText() {}

    static String of(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        String name = schema.name() == null ? "" : schema.name();
        return switch (name) {
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> date(value);
            case "io.debezium.time.Timestamp" -> timestamp(((Number) value).longValue() * 1_000_000L);
            case "io.debezium.time.MicroTimestamp" -> timestamp(((Number) value).longValue() * 1_000L);
            case "io.debezium.time.NanoTimestamp" -> timestamp(((Number) value).longValue());
            case "io.debezium.time.Time" -> time(((Number) value).longValue() * 1_000_000L);
            case "io.debezium.time.MicroTime" -> time(((Number) value).longValue() * 1_000L);
            case "io.debezium.time.NanoTime" -> time(((Number) value).longValue());
            default -> plain(value);
        };
    }

    private static String plain(Object value) {
        return switch (value) {
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            case ByteBuffer buffer -> "\\x" + HexFormat.of().formatHex(bytes(buffer));
            case java.util.Date date -> date.toInstant().toString();
            default -> value.toString();
        };
    }

    static byte[] bytes(ByteBuffer buffer) {
        var copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String date(Object value) {
        if (value instanceof java.util.Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
    }

    private static String timestamp(long nanosSinceEpoch) {
        var instant = Instant.ofEpochSecond(
                Math.floorDiv(nanosSinceEpoch, 1_000_000_000L), Math.floorMod(nanosSinceEpoch, 1_000_000_000L));
        return instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
    }

    private static String time(long nanosOfDay) {
        return LocalTime.ofNanoOfDay(nanosOfDay).toString();
    }
}
