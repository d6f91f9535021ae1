package dev.ferry.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code ferry plan validate|show} on the shipped examples and on a broken plan. */
class PlanCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int ferry(String... args) {
        var env = new CliEnvironment(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                Clock.systemUTC(),
                false,
                servers -> {
                    throw new AssertionError("plan commands need no Kafka");
                },
                url -> {
                    throw new AssertionError("plan commands need no planner");
                });
        return FerryCli.commandLine(env).execute(args);
    }

    @Test
    void validatesTheFitSyncExample() {
        int exit = ferry("plan", "validate", "../examples/fitsync-multi-repo.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("valid plan fitsync-multi-repo (9 services, 15 phases)");
    }

    @Test
    void showsWhatAnApplyWouldRunPerService() {
        int exit = ferry("plan", "show", "../examples/fitsync-multi-repo.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("api-gateway")
                .contains("deploy-prod")
                .contains("approval");
    }

    @Test
    void listsEveryProblemOfABrokenPlanWithItsPosition() throws Exception {
        Path plan = brokenExample("path: ../user-service");

        int exit = ferry("plan", "validate", plan.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("plan.yaml:")
                .contains("unknown phase \"splt\"")
                .contains("services[1].path")
                .contains("2 problem(s)");
    }

    @Test
    void asJsonTheDryRunIsThePlansPhasesAndEachServicesSteps() throws Exception {
        JsonNode check = validPlanAsJson("plan", "show", "../examples/fitsync-multi-repo.yaml", "-o", "json");

        assertThat(check.path("planName").asText()).isEqualTo("fitsync-multi-repo");
        JsonNode dryRun = check.path("dryRun");
        assertThat(dryRun.path("phases")).hasSize(15);
        assertThat(dryRun.path("services")).hasSize(9);
        JsonNode gateway = dryRun.path("services").get(0);
        assertThat(gateway.path("name").asText()).isEqualTo("api-gateway");
        // The text dry run prints the same steps: each one's sentence is a line of it.
        String text = text("plan", "show", "../examples/fitsync-multi-repo.yaml");
        assertThat(gateway.path("steps").findValuesAsText("does")).isNotEmpty().allSatisfy(does -> assertThat(text)
                .contains(" -> " + does));
    }

    @Test
    void asYamlAnInvalidPlanIsItsProblemsWithTheirPositions() throws Exception {
        Path plan = brokenExample("path: services/user-service");

        int exit = ferry("plan", "validate", plan.toString(), "-o", "yaml");

        assertThat(exit).isEqualTo(1);
        Map<String, Object> check = new Yaml().load(out.toString());
        assertThat(check).containsEntry("valid", false);
        @SuppressWarnings("unchecked")
        var problems = (List<Map<String, Object>>) check.get("problems");
        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem)
                .containsEntry("file", plan.toString())
                .containsKey("line")
                .containsEntry("message", "unknown phase \"splt\" (did you mean \"split\"?)"));
    }

    @Test
    void asJsonAValidPlanIsValidWithoutItsDryRun() throws Exception {
        JsonNode check = validPlanAsJson("plan", "validate", "../examples/fitsync-multi-repo.yaml", "--output", "json");

        assertThat(check.path("problems")).isEmpty();
        assertThat(check.path("dryRun").isNull()).isTrue();
    }

    /** The FitSync example with a phase that depends on "splt", and user-service's path as given. */
    private Path brokenExample(String userServicePath) throws IOException {
        return Files.writeString(
                dir.resolve("plan.yaml"),
                Files.readString(Path.of("../examples/fitsync-multi-repo.yaml"))
                        .replace("dependsOn: [split]", "dependsOn: [splt]")
                        .replace("path: services/user-service", userServicePath));
    }

    /** What the command printed, for a plan it found valid. */
    private JsonNode validPlanAsJson(String... args) throws Exception {
        assertThat(ferry(args)).isZero();
        JsonNode check = new ObjectMapper().readTree(out.toString());
        assertThat(check.path("valid").asBoolean()).isTrue();
        return check;
    }

    private String text(String... args) {
        out.getBuffer().setLength(0);
        assertThat(ferry(args)).isZero();
        return out.toString();
    }
}
