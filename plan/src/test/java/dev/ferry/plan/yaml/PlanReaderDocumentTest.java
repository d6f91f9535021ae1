package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.plan.MigrationPlan;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document as a whole: YAML syntax, apiVersion, kind, metadata, and reading from a file. */
class PlanReaderDocumentTest {

    @Test
    void readsTheValidPlan() {
        MigrationPlan plan = PlanReader.read("plan.yaml", Plans.VALID);

        assertThat(plan.name()).isEqualTo("shop");
        assertThat(plan.services()).extracting(s -> s.name()).containsExactly("api", "web");
        assertThat(plan.document()).isEqualTo(Plans.VALID);
    }

    @Test
    void reportsAYamlSyntaxErrorAtItsPosition() {
        String broken = validWith("    - name: web\n", "    - name: web\n     bad: [unclosed\n");

        assertThat(problems(broken)).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("plan.yaml:25:")
                .contains("not valid YAML"));
    }

    @Test
    void reportsATabIndentationWithItsLine() {
        String broken = validWith("  source:\n    repository", "  source:\n\trepository");

        assertThat(problems(broken)).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("plan.yaml:7:1 not valid YAML")
                .contains("Do not use"));
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(problems("# nothing but a comment\n"))
                .containsExactly("plan.yaml:1:1 the plan is empty; it starts with apiVersion: ferry.dev/v1 and kind:"
                        + " MigrationPlan");
    }

    @Test
    void refusesADocumentThatIsNotAMapping() {
        assertThat(problems("- apiVersion: ferry.dev/v1\n"))
                .containsExactly("plan.yaml:1:1 expected a mapping (key: value lines), found a list");
    }

    @Test
    void refusesAnotherApiVersion() {
        assertThat(problems(validWith("apiVersion: ferry.dev/v1", "apiVersion: ferry.dev/v2")))
                .containsExactly("plan.yaml:1:13 apiVersion: apiVersion \"ferry.dev/v2\" is not supported; this Ferry"
                        + " reads ferry.dev/v1");
    }

    @Test
    void refusesAnotherKindSuggestingTheRightOne() {
        assertThat(problems(validWith("kind: MigrationPlan", "kind: MigrationPlna")))
                .containsExactly("plan.yaml:2:7 kind: kind \"MigrationPlna\" is not supported (did you mean"
                        + " \"MigrationPlan\"?); a plan is of kind MigrationPlan");
    }

    @Test
    void reportsAMissingPlanName() {
        assertThat(problems(validWith("  name: shop\n", "  description: no name\n")))
                .containsExactly("plan.yaml:4:3 metadata.name: required field \"name\" is missing; give the plan's"
                        + " name, e.g. fitsync-multi-repo");
    }

    @Test
    void refusesAPlanNameThatIsNotADnsLabel() {
        assertThat(problems(validWith("name: shop", "name: Shop_Plan")))
                .singleElement()
                .asString()
                .startsWith("plan.yaml:4:9 metadata.name: plan name \"Shop_Plan\" is not a valid name")
                .endsWith("(e.g. \"shop-plan\")");
    }

    @Test
    void reportsAMissingSpec() {
        assertThat(problems("apiVersion: ferry.dev/v1\nkind: MigrationPlan\nmetadata:\n  name: shop\n"))
                .containsExactly("plan.yaml:1:1 spec: required field \"spec\" is missing; give the plan itself:"
                        + " source, services, phases");
    }

    @Test
    void reportsASpecThatIsNotAMapping() {
        assertThat(problems(
                        "apiVersion: ferry.dev/v1\nkind: MigrationPlan\nmetadata:\n  name: shop\nspec: all of it\n"))
                .containsExactly("plan.yaml:5:7 spec: expected a mapping (key: value lines), found \"all of it\"");
    }

    @Test
    void reportsADuplicateKeyWithTheLineOfTheFirst() {
        String twice = validWith("  name: shop\n", "  name: shop\n  name: shop2\n");

        assertThat(problems(twice))
                .containsExactly("plan.yaml:5:3 metadata.name: duplicate key \"name\" (first at line 4); keep one");
    }

    @Test
    void refusesYamlMergeKeys() {
        String merged = validWith("    - name: web\n      path: web\n", "    - <<: {name: web}\n      path: web\n");

        assertThat(problems(merged)).anySatisfy(problem -> assertThat(problem)
                .isEqualTo("plan.yaml:24:7 services[1].<<: YAML merge keys (<<) are not supported; put shared"
                        + " settings in spec.defaults instead"));
    }

    @Test
    void readsAFileAndNamesItInProblems(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("fitsync.yaml");
        Files.writeString(file, validWith("kind: MigrationPlan", "kind: Plan"));

        assertThatThrownBy(() -> PlanReader.read(file))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith(file + ":2:7 kind:");
    }

    @Test
    void saysWhichFileCannotBeRead(@TempDir Path directory) {
        Path missing = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> PlanReader.read(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.yaml");
    }

    @Test
    void refusesAPlanTooLargeToReadBeforeParsingIt() {
        String huge = Plans.VALID + "# " + "x".repeat(YamlDocument.MAX_CHARACTERS) + "\n";

        assertThat(problems(huge))
                .singleElement()
                .asString()
                .contains("the plan is " + huge.length() + " characters long; Ferry reads plans of up to 4194304");
    }

    @Test
    void refusesADocumentNestedDeeperThanAnyPlan() {
        String nested = Plans.VALID + "labels: " + "[".repeat(200) + "]".repeat(200) + "\n";

        assertThat(problems(nested)).singleElement().asString().contains("not valid YAML", "Nesting Depth exceeded");
    }
}
