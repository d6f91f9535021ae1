package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.onBuild;
import static dev.ferry.plan.yaml.Plans.onSplit;
import static dev.ferry.plan.yaml.Plans.onWeb;
import static dev.ferry.plan.yaml.Plans.validWith;
import static dev.ferry.plan.yaml.Plans.withPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same plans go to the reader and to the JSON Schema, and both must come to the same verdict: the bad ones are
 * refused by both, at the same place; the reader tests' valid ones pass both. Only what a schema can say is tried
 * here: names referring to each other, unique names, cycles and what actions need once defaults apply are the
 * reader's alone (see {@code PlanSchema}).
 */
class PlanSchemaAgreementTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ferry.plan.yaml.BadPlans#all")
    void bothRefuse(String what, String yaml, String readerPath) {
        InvalidPlanException invalid =
                catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read("plan.yaml", yaml));
        assertThat(invalid).as("the reader refuses it").isNotNull();
        List<PlanProblem> problems = invalid.problems();
        List<SchemaCheck.Complaint> complaints = SchemaCheck.complaints(yaml);

        assertThat(problems).extracting(PlanProblem::path).contains(readerPath);
        assertThat(complaints)
                .as(
                        "the schema refuses what the reader refuses at %s (%s); the schema said %s",
                        readerPath, problems, complaints)
                .anySatisfy(
                        complaint -> assertThat(readerPath(complaint.path())).isIn(readerPath, parent(readerPath)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPlans")
    void bothAccept(String what, String yaml) {
        PlanReader.read("plan.yaml", yaml);

        assertThat(SchemaCheck.complaints(yaml)).isEmpty();
    }

    static Stream<Arguments> validPlans() {
        return Stream.of(
                Arguments.of("the reader tests' valid plan", Plans.VALID),
                Arguments.of("every layer of settings", PlanReaderResolutionTest.LAYERED),
                Arguments.of("a wait", PlanReaderActionFieldsTest.withWait("      duration: 48h\n")),
                Arguments.of(
                        "a scaffold",
                        PlanReaderScaffoldTest.withScaffold(PlanReaderScaffoldTest.FILES + "      overwrite: true\n")),
                Arguments.of(
                        "a scaffold from a template repository",
                        PlanReaderScaffoldTest.withScaffold("      files:\n        - {repository: https://x/t.git,"
                                + " branch: v2, directory: node, credentialRef: t, path: ci}\n")),
                Arguments.of("rollout and timeout", onSplit("      rollout: sequential\n      timeout: 3h\n")),
                Arguments.of(
                        "sums of durations",
                        onSplit("      timeout: 1h30m\n"
                                + "      retry: {attempts: 3, backoff: 500ms, multiplier: 1.5, maxBackoff: 2m}\n")),
                Arguments.of(
                        "moving tags",
                        validWith(
                                "    repository: acme\n",
                                "    repository: acme\n"
                                        + "    tagTemplate: \"{service}-{sha:8}\"\n"
                                        + "    movingTags: [\"{service}-{env}\", \"{service}-v{semver}\"]\n")),
                Arguments.of("approval true", validWith("approval: required", "approval: true")),
                Arguments.of("approval True", validWith("approval: required", "approval: True")),
                Arguments.of("approval none", validWith("approval: required", "approval: none")),
                Arguments.of("approval false", validWith("approval: required", "approval: false")),
                Arguments.of(
                        "a gate with one checklist item",
                        withPhase("gate", "      checklist: smoke tests pass\n" + "      approval: required\n")),
                Arguments.of("a rollback", withPhase("rollback", "      environment: prod\n")),
                Arguments.of("one dependency without brackets", validWith("dependsOn: [split]", "dependsOn: split")),
                Arguments.of("phases for some services", onBuild("      services: [api]\n      barrier: true\n")),
                Arguments.of(
                        "parameters of any scalar",
                        onWeb("      parameters:\n        replicas: 3\n"
                                + "        debug: true\n        note:\n      buildArgs: {NODE_MAJOR: 20}\n")),
                Arguments.of(
                        "text written as a number",
                        validWith(".com/acme/shop.git\n", ".com/acme/shop.git\n    branch: 2024\n")),
                Arguments.of(
                        "anchors and aliases",
                        validWith("    path: envs/", "    path: &file envs/")
                                .replace("      path: web\n", "      path: web\n      deploy: {path: *file}\n")));
    }

    /** The schema's instance path written as the reader writes paths: inside spec, without "spec.". */
    private static String readerPath(String schemaPath) {
        if (schemaPath.equals("spec")) {
            return "";
        }
        return schemaPath.startsWith("spec.") ? schemaPath.substring("spec.".length()) : schemaPath;
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
    }
}
