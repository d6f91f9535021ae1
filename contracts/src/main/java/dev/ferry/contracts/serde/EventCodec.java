package dev.ferry.contracts.serde;

import dev.ferry.contracts.ContractsTrust;
import dev.ferry.contracts.serde.UndecodableRecordException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Ferry's wire format: Avro single-object encoding (marker C3 01, the writer schema's 8-byte CRC-64-AVRO
 * fingerprint, then the Avro binary body), see docs/adr/0001-event-wire-format.md.
 *
 * <p>Decoding resolves the writer's schema through the {@link SchemaCatalog} and reads it as the consumer's own
 * version of the type; anything that cannot be read that way becomes an {@link UndecodableRecordException}.
 */
public final class EventCodec {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

    static {
        ContractsTrust.install();
    }

    private final SchemaCatalog catalog;
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();
    private final Map<Class<?>, BinaryMessageDecoder<?>> decoders = new ConcurrentHashMap<>();

    public EventCodec(SchemaCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public byte[] encode(SpecificRecord record) {
        try {
            ByteBuffer buffer = encoders.computeIfAbsent(record.getClass(), type -> announcedEncoder(record))
                    .encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }

    /**
     * Reads {@code bytes} as a {@code type}, written with any schema version the catalog can resolve.
     *
     * @param topic only used to say where a bad record came from
     */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type, String topic) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UndecodableRecordException(
                    Reason.NOT_SINGLE_OBJECT_ENCODED, topic, describeHeaderless(bytes), null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        Schema writer = catalog.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException(
                    Reason.UNKNOWN_SCHEMA,
                    topic,
                    "writer schema fingerprint " + Long.toHexString(fingerprint)
                            + " is in no schema store this consumer"
                            + " can reach (was its producer built from unpublished contracts?)",
                    null);
        }
        Schema reader = SpecificData.get().getSchema(type);
        if (!sameRecord(writer, reader)) {
            throw new UndecodableRecordException(
                    Reason.WRONG_RECORD_TYPE,
                    topic,
                    "it holds a " + writer.getFullName() + " but this topic carries " + reader.getFullName(),
                    null);
        }
        try {
            return type.cast(decoderFor(type).decode(bytes));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new UndecodableRecordException(
                    Reason.CORRUPT_PAYLOAD,
                    topic,
                    "the " + writer.getFullName() + " body does not decode with its writer schema (" + e + ")",
                    e);
        }
    }

    private BinaryMessageDecoder<?> decoderFor(Class<? extends SpecificRecord> type) {
        return decoders.computeIfAbsent(type, t -> {
            SpecificData model = SpecificData.getForClass(t);
            return new BinaryMessageDecoder<SpecificRecord>(model, model.getSchema(t), catalog);
        });
    }

    /**
     * Publishes the writer schema, then makes the encoder: once per record type, off the per-record path. Should the
     * publication fail, no encoder is cached and the next record tries again.
     */
    private BinaryMessageEncoder<SpecificRecord> announcedEncoder(SpecificRecord record) {
        catalog.announce(record.getSchema());
        SpecificData model = record instanceof SpecificRecordBase base ? base.getSpecificData() : SpecificData.get();
        return new BinaryMessageEncoder<>(model, record.getSchema());
    }

    private static boolean sameRecord(Schema writer, Schema reader) {
        return writer.getType() == Schema.Type.RECORD
                && (writer.getFullName().equals(reader.getFullName())
                        || reader.getAliases().contains(writer.getFullName()));
    }

    private static String describeHeaderless(byte[] bytes) {
        if (bytes == null) {
            return "the value is null (a tombstone), which no Ferry topic carries";
        }
        return bytes.length + " bytes that do not start with Avro's single-object marker C3 01";
    }
}
