package dev.ferry.cli.ops;

import java.util.Map;

/**
 * Where the CLI's Kafka clients connect and how: the brokers, and the client settings a secured cluster needs (TLS
 * trust store, SASL mechanism and login), from the current context.
 *
 * @param properties Kafka client settings by their Kafka names, e.g. {@code security.protocol: SASL_SSL}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {

    public KafkaConnection {
        properties = Map.copyOf(properties);
    }

    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    @Override
    public String toString() {
        // The properties may hold a SASL password (sasl.jaas.config): only their names are shown.
        return "KafkaConnection[" + bootstrapServers + ", settings " + properties.keySet() + "]";
    }
}
