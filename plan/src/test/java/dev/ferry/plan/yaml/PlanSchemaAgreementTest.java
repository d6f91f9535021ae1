package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.validWith;
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
    @MethodSource("badPlans")
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

    static Stream<Arguments> badPlans() {
        return Stream.of(
                        unknownFields(),
                        header(),
                        requiredFields(),
                        wrongTypes(),
                        enumValues(),
                        durations(),
                        actionFields(),
                        ranges())
                .flatMap(cases -> cases);
    }

    private static Stream<Arguments> unknownFields() {
        return Stream.of(
                bad(
                        "unknown top-level field",
                        validWith("kind: MigrationPlan\n", "kind: MigrationPlan\nstatus: done\n"),
                        "status"),
                bad(
                        "unknown metadata field",
                        validWith("  name: shop\n", "  name: shop\n  owner: me\n"),
                        "metadata.owner"),
                bad(
                        "unknown spec field",
                        validWith("  registry:\n", "  registries:\n    host: x\n  registry:\n"),
                        "registries"),
                bad(
                        "unknown source field",
                        validWith(".com/acme/shop.git\n", ".com/acme/shop.git\n    tag: v1\n"),
                        "source.tag"),
                bad(
                        "unknown defaults field",
                        validWith("  defaults:\n", "  defaults:\n    timeout: 5m\n"),
                        "defaults.timeout"),
                bad(
                        "unknown target field",
                        validWith("{service}.git\n", "{service}.git\n      private: true\n"),
                        "defaults.target.private"),
                bad(
                        "unknown registry field",
                        validWith(".example.com\n", ".example.com\n    zone: x\n"),
                        "registry.zone"),
                bad(
                        "unknown gitops field",
                        validWith("helm-values\n", "helm-values\n    flavour: argo\n"),
                        "gitops.flavour"),
                bad(
                        "unknown environment field",
                        validWith("    - name: dev\n", "    - name: dev\n      region: eu\n"),
                        "environments[0].region"),
                bad("unknown service field", onWeb("      prot: 80\n"), "services[1].prot"),
                bad("unknown deploy field", onWeb("      deploy: {file: web.yaml}\n"), "services[1].deploy.file"),
                bad(
                        "unknown phase field",
                        validWith("      approval: required", "      aproval: required"),
                        "phases[3].aproval"),
                bad("unknown retry field", onSplit("      retry: {tries: 3}\n"), "phases[0].retry.tries"),
                bad(
                        "YAML merge key",
                        validWith("    - name: web\n      path: web\n", "    - <<: {name: web}\n      path: web\n"),
                        "services[1].<<"));
    }

    private static Stream<Arguments> header() {
        return Stream.of(
                bad("another apiVersion", validWith("ferry.dev/v1", "ferry.dev/v2"), "apiVersion"),
                bad("another kind", validWith("kind: MigrationPlan", "kind: MigrationPlna"), "kind"),
                bad("plan name not a DNS label", validWith("name: shop", "name: Shop_Plan"), "metadata.name"),
                bad(
                        "spec not a mapping",
                        "apiVersion: ferry.dev/v1\nkind: MigrationPlan\nmetadata:\n  name: shop\nspec: all of it\n",
                        "spec"));
    }

    private static Stream<Arguments> requiredFields() {
        return Stream.of(
                bad("no plan name", validWith("  name: shop\n", "  description: no name\n"), "metadata.name"),
                bad(
                        "no source repository",
                        validWith("    repository: https://github.com/acme/shop.git\n", "    branch: main\n"),
                        "source.repository"),
                bad(
                        "blank source repository",
                        validWith("https://github.com/acme/shop.git", "' '"),
                        "source.repository"),
                bad("no gitops layout", validWith("    layout: helm-values\n", ""), "gitops.layout"),
                bad(
                        "no environment name",
                        validWith("    - name: prod\n", "    - branch: prod\n"),
                        "environments[1].name"),
                bad(
                        "no service name",
                        validWith("    - name: web\n      path: web\n", "    - path: web\n"),
                        "services[1].name"),
                bad("no services", withoutServices(), "services"),
                bad(
                        "no phase name",
                        validWith("    - name: split\n      action: split\n", "    - action: split\n"),
                        "phases[0].name"),
                bad(
                        "no action",
                        validWith("    - name: split\n      action: split\n", "    - name: split\n"),
                        "phases[0].action"));
    }

    private static Stream<Arguments> wrongTypes() {
        return Stream.of(
                bad(
                        "list where text goes (environment)",
                        validWith("environment: prod", "environment: [prod]"),
                        "phases[3].environment"),
                bad(
                        "list where text goes (source)",
                        validWith("/acme/shop.git\n", "/acme/shop.git\n    branch: [main]\n"),
                        "source.branch"),
                bad(
                        "list where a mapping goes",
                        validWith(
                                "  source:\n    repository: https://github.com/acme/shop.git\n",
                                "  source:\n    - https://github.com/acme/shop.git\n"),
                        "source"),
                bad(
                        "mapping where a list goes",
                        validWith("dependsOn: [split]", "dependsOn: {phase: split}"),
                        "phases[1].dependsOn"),
                bad("text where a number goes (port)", onWeb("      port: eighty\n"), "services[1].port"),
                bad("quoted number where a number goes", onWeb("      port: \"80\"\n"), "services[1].port"),
                bad(
                        "text where a whole number goes",
                        onSplit("      retry: {attempts: three}\n"),
                        "phases[0].retry.attempts"),
                bad(
                        "fraction where a whole number goes",
                        onSplit("      retry: {attempts: 2.5}\n"),
                        "phases[0].retry.attempts"),
                bad(
                        "text where a number goes (multiplier)",
                        onSplit("      retry: {multiplier: fast}\n"),
                        "phases[0].retry.multiplier"),
                bad("text where true or false goes", onSplit("      barrier: always\n"), "phases[0].barrier"),
                bad(
                        "list where a mapping of texts goes",
                        onWeb("      parameters: [a, b]\n"),
                        "services[1].parameters"),
                bad("mapping as a parameter", onWeb("      buildArgs: {A: {b: c}}\n"), "services[1].buildArgs.A"));
    }

    private static Stream<Arguments> enumValues() {
        return Stream.of(
                bad("misspelled action", validWith("action: build", "action: biuld"), "phases[1].action"),
                bad("bad layout", validWith("layout: helm-values", "layout: helm-value"), "gitops.layout"),
                bad("bad mode", validWith("helm-values\n", "helm-values\n    mode: argocd\n"), "gitops.mode"),
                bad("bad onFailure", onSplit("      onFailure: halt\n"), "phases[0].onFailure"),
                bad(
                        "bad default onFailure",
                        validWith("  defaults:\n", "  defaults:\n    onFailure: halt\n"),
                        "defaults.onFailure"),
                bad("bad rollout", onSplit("      rollout: sequental\n"), "phases[0].rollout"),
                bad(
                        "bad visibility",
                        validWith("{service}.git\n", "{service}.git\n      visibility: secret\n"),
                        "defaults.target.visibility"),
                bad(
                        "bad builder",
                        validWith(".example.com\n", ".example.com\n    builder: docker\n"),
                        "registry.builder"),
                bad("bad approval", validWith("approval: required", "approval: requierd"), "phases[3].approval"));
    }

    private static Stream<Arguments> durations() {
        return Stream.of(
                bad("bare number as a duration", onSplit("      timeout: 30\n"), "phases[0].timeout"),
                bad("unknown unit", onSplit("      timeout: 3w\n"), "phases[0].timeout"),
                bad("words as a duration", onSplit("      retry: {backoff: soon}\n"), "phases[0].retry.backoff"),
                bad(
                        "spaced duration",
                        validWith("helm-values\n", "helm-values\n    syncTimeout: 10 minutes\n"),
                        "gitops.syncTimeout"),
                bad(
                        "bad wait duration",
                        PlanReaderActionFieldsTest.withWait("      duration: two days\n"),
                        "phases[4].duration"));
    }

    private static Stream<Arguments> actionFields() {
        return Stream.of(
                bad("checklist on a split", onSplit("      checklist: [repos created]\n"), "phases[0].checklist"),
                bad(
                        "checklist on a deploy",
                        validWith("environment: dev\n", "environment: dev\n      checklist: ok\n"),
                        "phases[2].checklist"),
                bad("duration on a build", onBuild("      duration: 5m\n"), "phases[1].duration"),
                bad("environment on a build", onBuild("      environment: dev\n"), "phases[1].environment"),
                bad("environment on a gate", withPhase("gate", "      environment: dev\n"), "phases[4].environment"),
                bad("wait without duration", PlanReaderActionFieldsTest.withWait(""), "phases[4].duration"),
                bad("deploy without environment", validWith("      environment: prod\n", ""), "phases[3].environment"),
                bad("rollback without environment", withPhase("rollback", ""), "phases[4].environment"),
                bad("gate that would not wait", withPhase("gate", "      approval: none\n"), "phases[4].approval"),
                bad("gate approved by false", withPhase("gate", "      approval: false\n"), "phases[4].approval"));
    }

    private static Stream<Arguments> ranges() {
        return Stream.of(
                bad("port above 65535", onWeb("      port: 70000\n"), "services[1].port"),
                bad("port 0", onWeb("      port: 0\n"), "services[1].port"),
                bad("no attempt at all", onSplit("      retry: {attempts: 0}\n"), "phases[0].retry.attempts"),
                bad("shrinking pauses", onSplit("      retry: {multiplier: 0.5}\n"), "phases[0].retry.multiplier"),
                bad(
                        "service name not a DNS label",
                        validWith("    - name: web\n", "    - name: Web\n"),
                        "services[1].name"),
                bad(
                        "environment name not a DNS label",
                        validWith("    - name: prod\n", "    - name: prod_eu\n"),
                        "environments[1].name"),
                bad("blank phase name", validWith("    - name: deploy-prod\n", "    - name: ''\n"), "phases[3].name"));
    }

    static Stream<Arguments> validPlans() {
        return Stream.of(
                Arguments.of("the reader tests' valid plan", Plans.VALID),
                Arguments.of("every layer of settings", PlanReaderResolutionTest.LAYERED),
                Arguments.of("a wait", PlanReaderActionFieldsTest.withWait("      duration: 48h\n")),
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

    private static Arguments bad(String what, String yaml, String readerPath) {
        return Arguments.of(what, yaml, readerPath);
    }

    private static String onSplit(String fields) {
        return validWith("      action: split\n", "      action: split\n" + fields);
    }

    private static String onBuild(String fields) {
        return validWith("      action: build\n", "      action: build\n" + fields);
    }

    private static String onWeb(String fields) {
        return validWith("      path: web\n", "      path: web\n" + fields);
    }

    /** {@link Plans#VALID} with a fifth phase of {@code action} after deploy-prod. */
    private static String withPhase(String action, String fields) {
        return Plans.VALID + "    - name: extra\n      action: " + action + "\n      dependsOn: [deploy-prod]\n"
                + fields;
    }

    private static String withoutServices() {
        return Plans.VALID.substring(0, Plans.VALID.indexOf("  services:")) + "  services: []\n"
                + Plans.VALID.substring(Plans.VALID.indexOf("  phases:"));
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
