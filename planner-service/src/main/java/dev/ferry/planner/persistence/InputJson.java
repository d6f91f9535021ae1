package dev.ferry.planner.persistence;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.planner.app.RunHeader.DeliveryOrigin;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The journal's JSON form of run inputs; type names are stored, so renaming a record needs a new name here. */
final class InputJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RunInput.Approve.class, name = "approve"),
        @JsonSubTypes.Type(value = RunInput.Pause.class, name = "pause"),
        @JsonSubTypes.Type(value = RunInput.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = RunInput.Abort.class, name = "abort"),
        @JsonSubTypes.Type(value = RunInput.Retry.class, name = "retry"),
        @JsonSubTypes.Type(value = RunInput.Rollback.class, name = "rollback"),
        @JsonSubTypes.Type(value = RunInput.StepSucceeded.class, name = "step-succeeded"),
        @JsonSubTypes.Type(value = RunInput.StepFailed.class, name = "step-failed"),
        @JsonSubTypes.Type(value = RunInput.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = RunInput.Tick.class, name = "tick")
    })
    private interface InputTypes {}

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(RunInput.class, InputTypes.class)
            .registerModule(new SimpleModule().addDeserializer(StepResult.class, new ResultReader()))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads a result as {@code {"outputs": {...}}}, and also in the form journals held before results were named
     * outputs ({@code {"type": "split", "splitCommit": ...}}), so runs started by an older planner carry on.
     */
    private static final class ResultReader extends StdDeserializer<StepResult> {
        private static final Map<String, String> RENAMED = Map.of("message", "deployMessage");

        ResultReader() {
            super(StepResult.class);
        }

        @Override
        public StepResult deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            var outputs = new LinkedHashMap<String, String>();
            JsonNode named = node.has("outputs") ? node.get("outputs") : node;
            named.properties().forEach(field -> {
                boolean legacyOnly =
                        field.getKey().equals("type") || field.getKey().equals("rollback");
                if (!field.getValue().isNull() && !(named == node && legacyOnly)) {
                    outputs.put(
                            RENAMED.getOrDefault(field.getKey(), field.getKey()),
                            field.getValue().asText());
                }
            });
            return new StepResult(outputs);
        }
    }

    private InputJson() {}

    static String write(RunInput input) {
        return json(input);
    }

    static RunInput readInput(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            // Results journaled before they named their attempt were checked when they came; replayed as they were.
            if (node instanceof ObjectNode result
                    && RESULT_TYPES.contains(result.path("type").asText())
                    && !result.has("attempt")) {
                result.put("attempt", RunInput.JOURNALED_BEFORE_ATTEMPTS);
            }
            return MAPPER.treeToValue(node, RunInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal holds JSON this planner cannot read: " + json, e);
        }
    }

    private static final Set<String> RESULT_TYPES = Set.of("step-succeeded", "step-failed");

    static String write(Map<String, String> values) {
        return json(values);
    }

    static Map<String, String> readMap(String json) {
        return read(json, new TypeReference<Map<String, String>>() {});
    }

    static String write(DeliveryOrigin origin) {
        return origin == null ? null : json(origin);
    }

    static DeliveryOrigin readOrigin(String json) {
        return json == null ? null : read(json, new TypeReference<DeliveryOrigin>() {});
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal holds JSON this planner cannot read: " + json, e);
        }
    }
}
