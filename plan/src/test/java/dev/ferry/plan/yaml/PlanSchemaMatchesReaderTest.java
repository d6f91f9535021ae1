package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.onSplit;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.schema.PlanSchema;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Each mapping of the schema lists exactly the fields the reader takes there, in the reader's order, and refuses
 * others; each enum lists exactly the values the reader offers in its "use one of" message.
 */
class PlanSchemaMatchesReaderTest {

    private static final JsonNode SCHEMA = new ObjectMapper().readTree(PlanSchema.generate());

    @ParameterizedTest(name = "#{0}")
    @MethodSource("sections")
    void listsTheFieldsTheReaderTakes(String pointer, List<String> readerFields) {
        JsonNode section = SCHEMA.at(pointer);

        assertThat(section.get("properties").propertyNames()).containsExactlyElementsOf(readerFields);
        assertThat(section.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void offersTheValuesTheReaderOffers(String pointer, String badPlan) {
        String problem = Plans.problems(badPlan).getFirst();
        List<String> readerValues = List.of(problem.substring(problem.indexOf("use one of ") + "use one of ".length())
                .split(", "));

        // In any order: the reader lists builders from a Map.of, whose order changes from one JVM to the next.
        assertThat(SCHEMA.at(pointer + "/enum").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(readerValues);
    }

    static Stream<Arguments> sections() {
        return Stream.of(
                Arguments.of("", PlanDraft.TOP_FIELDS),
                Arguments.of("/$defs/metadata", PlanDraft.METADATA_FIELDS),
                Arguments.of("/$defs/spec", PlanDraft.SPEC_FIELDS),
                Arguments.of("/$defs/source", PlanDraft.SOURCE_FIELDS),
                Arguments.of("/$defs/defaults", Defaults.FIELDS),
                Arguments.of("/$defs/target", TargetFields.FIELDS),
                Arguments.of("/$defs/image", ImageFields.FIELDS),
                Arguments.of("/$defs/gitops", GitOpsFields.FIELDS),
                Arguments.of("/$defs/environment", EnvironmentDraft.FIELDS),
                Arguments.of("/$defs/service", ServiceDraft.FIELDS),
                Arguments.of("/$defs/deploy", ServiceDraft.DEPLOY_FIELDS),
                Arguments.of("/$defs/retry", RetryFields.FIELDS),
                Arguments.of("/$defs/phase", PhaseDraft.FIELDS));
    }

    static Stream<Arguments> enums() {
        return Stream.of(
                Arguments.of("/$defs/phase/properties/action", validWith("action: build", "action: x")),
                Arguments.of("/$defs/phase/properties/onFailure", onSplit("      onFailure: x\n")),
                Arguments.of("/$defs/phase/properties/rollout", onSplit("      rollout: x\n")),
                Arguments.of(
                        "/$defs/defaults/properties/onFailure",
                        validWith("  defaults:\n", "  defaults:\n    onFailure: x\n")),
                Arguments.of("/$defs/gitops/properties/layout", validWith("layout: helm-values", "layout: x")),
                Arguments.of("/$defs/gitops/properties/mode", validWith("helm-values\n", "helm-values\n    mode: x\n")),
                Arguments.of(
                        "/$defs/target/properties/visibility",
                        validWith("{service}.git\n", "{service}.git\n      visibility: x\n")),
                Arguments.of(
                        "/$defs/image/properties/builder",
                        validWith(".example.com\n", ".example.com\n    builder: x\n")));
    }
}
