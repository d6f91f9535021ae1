package dev.ferry.contracts.compat;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.serde.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * Records the current schema of every top-level record as its next released version, in {@code schema-history/}, when
 * it differs from the last one released. Run it when a schema change is ready to ship; the compatibility test then
 * holds all later changes to it.
 */
public final class SchemaRelease {

    private SchemaRelease() {}

    public static void main(String[] args) throws IOException {
        Path history = Path.of(args.length > 0 ? args[0] : "contracts/schema-history");
        for (Topic<?> topic : Topics.all()) {
            Schema current = topic.schema();
            var released = SchemaCatalog.releasedVersions(current.getName());
            boolean unchanged = !released.isEmpty()
                    && SchemaCatalog.fingerprint(released.getLast()) == SchemaCatalog.fingerprint(current);
            if (!unchanged) {
                Path file = nextVersionFile(history, current, released.size());
                Files.createDirectories(file.getParent());
                Files.writeString(file, SchemaFormatter.format("json/pretty", current) + "\n");
                System.out.println("released " + file);
            }
        }
    }

    /** Where the next version of this record goes. */
    public static Path nextVersionFile(Path history, Schema schema, int releasedCount) {
        return history.resolve(schema.getName()).resolve("v" + (releasedCount + 1) + ".avsc");
    }
}
