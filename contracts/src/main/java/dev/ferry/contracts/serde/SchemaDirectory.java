package dev.ferry.contracts.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A place shared by every producer and consumer where writer schemas are published by fingerprint, so that a consumer
 * built before a schema change can still resolve records written with the newer schema.
 */
public interface SchemaDirectory {

    /** Publishes a writer schema; publishing the same schema again changes nothing. */
    void publish(long fingerprint, Schema schema);

    /** The schema with this fingerprint, if anyone published it. */
    Optional<Schema> find(long fingerprint);
}
