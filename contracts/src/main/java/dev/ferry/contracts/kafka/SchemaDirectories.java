package dev.ferry.contracts.kafka;

import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * One codec per Kafka cluster and schema topic in a process, shared by all serializers configured for it, so that a
 * schema is published and looked up once, not once per producer or consumer.
 */
final class SchemaDirectories {

    /** Client property naming the schema topic; set it to {@code none} to use only the built-in schemas. */
    static final String SCHEMA_TOPIC_CONFIG = "ferry.schema.topic";

    private static final Map<String, EventCodec> CODECS = new ConcurrentHashMap<>();

    private SchemaDirectories() {}

    static EventCodec codecFor(Map<String, ?> configs) {
        Object servers = configs.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Object configuredTopic = configs.get(SCHEMA_TOPIC_CONFIG);
        String topic = configuredTopic == null ? KafkaSchemaDirectory.DEFAULT_TOPIC : configuredTopic.toString();
        if (servers == null || topic.equals("none")) {
            return CODECS.computeIfAbsent("built-in", key -> new EventCodec(SchemaCatalog.builtIn()));
        }
        String bootstrap = servers instanceof Collection<?> list
                ? list.stream().map(Object::toString).collect(Collectors.joining(","))
                : servers.toString();
        return CODECS.computeIfAbsent(
                bootstrap + "|" + topic,
                key -> new EventCodec(SchemaCatalog.sharedThrough(new KafkaSchemaDirectory(bootstrap, topic))));
    }
}
