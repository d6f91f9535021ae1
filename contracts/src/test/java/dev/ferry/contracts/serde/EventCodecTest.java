package dev.ferry.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SampleRecords;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.serde.UndecodableRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(SchemaCatalog.builtIn());

    @Test
    void writesAvroSingleObjectEncodingWithTheSchemaFingerprint() {
        byte[] bytes = codec.encode(SampleRecords.all().get("repo.split"));

        long fingerprint = SchemaCatalog.fingerprint(Topics.REPO_SPLIT.schema());
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 2, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getLong())
                .isEqualTo(fingerprint);
    }

    @Test
    void readsBackEveryContractTypeUnchanged() {
        SampleRecords.all().forEach((label, record) -> {
            var topic = Topics.carrying(record.getClass());
            assertThat(codec.decode(codec.encode(record), topic.valueType(), topic.name()))
                    .as(label)
                    .isEqualTo(record);
        });
    }

    @Test
    void rejectsBytesThatAreNotAvroAsNotSingleObjectEncoded() {
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(garbage, RepoSplit.class, "repo.split"))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_SINGLE_OBJECT_ENCODED);
                    assertThat(e.topic()).isEqualTo("repo.split");
                })
                .hasMessageContaining("repo.split")
                .hasMessageContaining("C3 01");
    }

    @Test
    void rejectsARecordOfAnotherContractAsWrongRecordType() {
        byte[] repoSplit = codec.encode(SampleRecords.all().get("repo.split"));

        assertThatThrownBy(() -> codec.decode(repoSplit, PhaseStarted.class, "phase.started"))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.WRONG_RECORD_TYPE))
                .hasMessageContaining("dev.ferry.contracts.avro.RepoSplit")
                .hasMessageContaining("this topic carries dev.ferry.contracts.avro.PhaseStarted");
    }

    @Test
    void rejectsARecordWrittenWithASchemaNobodyPublishedAsUnknownSchema() throws Exception {
        var stranger = SchemaBuilder.record("Stranger")
                .namespace("elsewhere")
                .fields()
                .requiredString("x")
                .endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", "y");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger)
                .encode(record)
                .array();

        assertThatThrownBy(() -> codec.decode(bytes, RepoSplit.class, "repo.split"))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNKNOWN_SCHEMA))
                .hasMessageContaining(Long.toHexString(SchemaCatalog.fingerprint(stranger)));
    }

    @Test
    void rejectsATruncatedBodyAsCorruptPayload() {
        byte[] whole = codec.encode(SampleRecords.all().get("repo.split"));
        byte[] truncated = Arrays.copyOf(whole, 20);

        assertThatThrownBy(() -> codec.decode(truncated, RepoSplit.class, "repo.split"))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.CORRUPT_PAYLOAD));
    }

    @Test
    void rejectsATombstone() {
        assertThatThrownBy(() -> codec.decode(null, RepoSplit.class, "repo.split"))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.NOT_SINGLE_OBJECT_ENCODED))
                .hasMessageContaining("tombstone");
    }

    @Test
    void theKafkaDeserializerRejectsTopicsOutsideTheCatalog() {
        var deserializer = new AvroEventDeserializer(codec);
        byte[] bytes = codec.encode(SampleRecords.all().get("repo.split"));

        assertThatThrownBy(() -> deserializer.deserialize("somebody.elses.topic", bytes))
                .isInstanceOfSatisfying(UndecodableRecordException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.UNKNOWN_TOPIC));
    }
}
