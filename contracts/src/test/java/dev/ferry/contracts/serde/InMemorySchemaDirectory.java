package dev.ferry.contracts.serde;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** A schema directory shared by the "services" of one unit test. */
final class InMemorySchemaDirectory implements SchemaDirectory {

    final Map<Long, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public void publish(long fingerprint, Schema schema) {
        schemas.put(fingerprint, schema);
    }

    @Override
    public Optional<Schema> find(long fingerprint) {
        return Optional.ofNullable(schemas.get(fingerprint));
    }
}
