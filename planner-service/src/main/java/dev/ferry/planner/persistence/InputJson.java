package dev.ferry.planner.persistence;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.planner.app.RunHeader.DeliveryOrigin;
import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.util.Map;

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
        @JsonSubTypes.Type(value = RunInput.Tick.class, name = "tick")
    })
    private interface InputTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = StepResult.Split.class, name = "split"),
        @JsonSubTypes.Type(value = StepResult.ImageBuilt.class, name = "image-built"),
        @JsonSubTypes.Type(value = StepResult.Deployed.class, name = "deployed"),
        @JsonSubTypes.Type(value = StepResult.Archived.class, name = "archived"),
        @JsonSubTypes.Type(value = StepResult.Approved.class, name = "approved")
    })
    private interface ResultTypes {}

    /** Ignores the convenience accessor every result has, which is not a component. */
    private interface ResultMixin {
        @com.fasterxml.jackson.annotation.JsonIgnore
        Map<String, String> describe();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(RunInput.class, InputTypes.class)
            .addMixIn(StepResult.class, ResultTypes.class)
            .addMixIn(StepResult.Split.class, ResultMixin.class)
            .addMixIn(StepResult.ImageBuilt.class, ResultMixin.class)
            .addMixIn(StepResult.Deployed.class, ResultMixin.class)
            .addMixIn(StepResult.Archived.class, ResultMixin.class)
            .addMixIn(StepResult.Approved.class, ResultMixin.class)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private InputJson() {}

    static String write(RunInput input) {
        return json(input);
    }

    static RunInput readInput(String json) {
        return read(json, new TypeReference<RunInput>() {});
    }

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
