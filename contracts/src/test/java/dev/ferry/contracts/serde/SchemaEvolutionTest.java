package dev.ferry.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.EvolutionSchemas;
import dev.ferry.contracts.SampleRecords;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.RepoSplit;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * A consumer built on v1 (this build's generated classes) and a service already on v2 (a RepoSplit with one more
 * optional field) exchange records both ways, the writer's schema found through the shared schema directory.
 */
class SchemaEvolutionTest {

    private final InMemorySchemaDirectory directory = new InMemorySchemaDirectory();
    private final EventCodec v1Codec = new EventCodec(SchemaCatalog.sharedThrough(directory));

    @Test
    void aV1ConsumerReadsARecordWrittenWithV2() throws IOException {
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-optional-field.avsc");
        RepoSplit original = (RepoSplit) SampleRecords.all().get("repo.split");
        // A v2 producer's record: the same content plus the new field.
        GenericRecord written = v2Decoder(v2).decode(v1Codec.encode(original));
        written.put("targetDefaultBranch", "trunk");
        directory.publish(SchemaCatalog.fingerprint(v2), v2);

        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(written));
        RepoSplit read = v1Codec.decode(bytes, RepoSplit.class, Topics.REPO_SPLIT.name());

        assertThat(read).isEqualTo(original);
    }

    @Test
    void aV2ConsumerReadsARecordWrittenWithV1AndSeesTheNewFieldsDefault() throws IOException {
        Schema v2 = EvolutionSchemas.load("RepoSplit-v2-adds-optional-field.avsc");
        RepoSplit original = (RepoSplit) SampleRecords.all().get("repo.split");
        byte[] bytes = v1Codec.encode(original);

        GenericRecord read = v2Decoder(v2).decode(bytes);

        assertThat(read.get("targetDefaultBranch")).isNull();
        assertThat(read.get("targetCommit").toString()).isEqualTo(original.getTargetCommit());
        assertThat(read.get("commitsKept")).isEqualTo(original.getCommitsKept());
    }

    @Test
    void encodingPublishesTheWriterSchemaSoOtherConsumersCanResolveIt() {
        v1Codec.encode(SampleRecords.all().get("repo.split"));

        assertThat(directory.schemas).containsKey(SchemaCatalog.fingerprint(Topics.REPO_SPLIT.schema()));
    }

    private BinaryMessageDecoder<GenericRecord> v2Decoder(Schema v2) {
        return new BinaryMessageDecoder<>(
                GenericData.get(), v2, fp -> directory.find(fp).orElse(null));
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
