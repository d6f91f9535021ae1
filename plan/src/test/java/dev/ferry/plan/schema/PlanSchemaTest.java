package dev.ferry.plan.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.ActionField;
import dev.ferry.plan.action.Actions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The committed schema is the generated one, and it is a valid draft 2020-12 schema. When the catalogue or the reader
 * changes, regenerate the file with
 * {@code ./mvnw -B -ntp test -pl plan -Dtest=PlanSchemaTest#committedSchemaIsTheGeneratedOne
 * -Dferry.schema.update=true} and commit it.
 */
class PlanSchemaTest {

    private static final String UPDATE = "ferry.schema.update";
    private static final String GENERATED = PlanSchema.generate();

    @Test
    void committedSchemaIsTheGeneratedOne() throws IOException {
        Path file = repositoryRoot().resolve(PlanSchema.FILE);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, GENERATED, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
                .as(PlanSchema.FILE + " is out of date; regenerate it with ./mvnw -B -ntp test -pl plan"
                        + " -Dtest=PlanSchemaTest#committedSchemaIsTheGeneratedOne -D" + UPDATE + "=true and commit it")
                .isEqualTo(GENERATED);
    }

    @Test
    void planJarCarriesTheSchemaBesidePlanSchema() throws IOException {
        try (InputStream bundled = PlanSchema.class.getResourceAsStream(
                Path.of(PlanSchema.FILE).getFileName().toString())) {
            assertThat(bundled).as("the schema on the class path").isNotNull();
            assertThat(new String(bundled.readAllBytes(), StandardCharsets.UTF_8))
                    .as("the jar's copy of " + PlanSchema.FILE + ", copied from that file by the build")
                    .isEqualTo(GENERATED);
        }
    }

    @Test
    void isAValidDraft202012Schema() {
        JsonNode schema = new ObjectMapper().readTree(GENERATED);
        var metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.get("$id").asString()).isEqualTo(PlanSchema.ID);
    }

    @Test
    void givesEachActionItsOwnFieldsWithTheirDescriptions() {
        JsonNode schema = new ObjectMapper().readTree(GENERATED);
        JsonNode perAction = schema.at("/$defs/phase/allOf");

        assertThat(schema.at("/$defs/phase/properties/action/enum")
                        .valueStream()
                        .map(JsonNode::asString))
                .containsExactlyElementsOf(Actions.byNames().keySet());
        for (int i = 0; i < Actions.all().size(); i++) {
            Action action = Actions.all().get(i);
            JsonNode then = perAction.get(i).get("then");
            assertThat(perAction.get(i).at("/if/properties/action/const").asString())
                    .isEqualTo(action.name());
            for (ActionField field : action.fields()) {
                assertThat(then.at("/properties/" + field.name() + "/description")
                                .asString())
                        .startsWith(field.description());
            }
            assertThat(then.path("required").valueStream().map(JsonNode::asString))
                    .containsExactlyElementsOf(action.fields().stream()
                            .filter(ActionField::required)
                            .map(ActionField::name)
                            .toList());
        }
    }

    /** The directory that holds the plan module, found from wherever the build runs the tests. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("plan/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no plan/pom.xml above " + Path.of("").toAbsolutePath());
    }
}
