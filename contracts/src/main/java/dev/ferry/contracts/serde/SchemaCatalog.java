package dev.ferry.contracts.serde;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every writer schema this process can resolve: the schemas it was built with, each released version shipped in the
 * contracts jar, and, when configured, whatever other producers published to the shared {@link SchemaDirectory}.
 */
public final class SchemaCatalog implements SchemaStore {

    /** Classpath folder of released versions: {@code <folder>/<RecordName>/v<N>.avsc}. */
    public static final String HISTORY_FOLDER = "ferry/schema-history";

    private final Map<Long, Schema> known = new ConcurrentHashMap<>();
    private final Optional<SchemaDirectory> directory;

    private SchemaCatalog(Optional<SchemaDirectory> directory) {
        this.directory = directory;
        for (Topic<?> topic : Topics.all()) {
            Schema current = topic.schema();
            add(current);
            releasedVersions(current.getName()).forEach(this::add);
        }
    }

    /** Schemas built in and released; enough while producers and consumers run the same version. */
    public static SchemaCatalog builtIn() {
        return new SchemaCatalog(Optional.empty());
    }

    /** Also publishes to and looks up in a shared directory, for consumers older or newer than the producer. */
    public static SchemaCatalog sharedThrough(SchemaDirectory directory) {
        return new SchemaCatalog(Optional.of(directory));
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema schema = known.get(fingerprint);
        if (schema != null) {
            return schema;
        }
        return directory.flatMap(d -> d.find(fingerprint)).map(this::add).orElse(null);
    }

    /** Makes sure consumers elsewhere can resolve records written with this schema (the codec calls it once a type). */
    void announce(Schema writerSchema) {
        directory.ifPresent(d -> d.publish(fingerprint(writerSchema), writerSchema));
    }

    private Schema add(Schema schema) {
        known.putIfAbsent(fingerprint(schema), schema);
        return schema;
    }

    /** Released versions of one record, v1 upwards, read from the classpath until the first missing number. */
    public static List<Schema> releasedVersions(String recordName) {
        var versions = new ArrayList<Schema>();
        for (int version = 1; ; version++) {
            String path = HISTORY_FOLDER + "/" + recordName + "/v" + version + ".avsc";
            try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + path, e);
            }
        }
    }
}
