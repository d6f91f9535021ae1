package dev.ferry.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every Spring Cloud Stream binding of a Ferry service has unless the service says otherwise (lowest precedence):
 * records decoded by the runtime's Avro deserializer (the binder's JSON conversion cannot make Avro classes), one
 * attempt in the binding (the runtime's error handler retries and dead-letters), and the service's consumer group
 * ({@code spring.kafka.consumer.group-id}), which its record of handled steps is kept under too. The functions named in
 * {@link StreamBindings} read their topics.
 */
public final class StreamDefaults extends FallbackSettings {

    public StreamDefaults() {
        super("ferryStreamDefaults");
    }

    @Override
    Map<String, Object> settings() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.cloud.stream.default.consumer.use-native-decoding", "true");
        defaults.put("spring.cloud.stream.default.consumer.max-attempts", "1");
        defaults.put("spring.cloud.stream.default.group", "${spring.kafka.consumer.group-id:}");
        StreamBindings.destinations()
                .forEach((binding, topic) ->
                        defaults.put("spring.cloud.stream.bindings." + binding + ".destination", topic));
        return defaults;
    }
}
