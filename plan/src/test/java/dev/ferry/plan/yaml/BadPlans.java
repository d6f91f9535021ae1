package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.PlanReaderScaffoldTest.withScaffold;
import static dev.ferry.plan.yaml.Plans.onBuild;
import static dev.ferry.plan.yaml.Plans.onSplit;
import static dev.ferry.plan.yaml.Plans.onWeb;
import static dev.ferry.plan.yaml.Plans.validWith;
import static dev.ferry.plan.yaml.Plans.withPhase;
import static dev.ferry.plan.yaml.Plans.withoutServices;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Plans the reader refuses for something a JSON Schema can say too, each with the path of the reader's problem:
 * unknown fields, header, required fields, types, enum values, durations, the fields of each action, ranges.
 */
final class BadPlans {

    private BadPlans() {}

    static Stream<Arguments> all() {
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
                bad("gate approved by false", withPhase("gate", "      approval: false\n"), "phases[4].approval"),
                bad("files on a build", onBuild("      files: [{path: a, content: b}]\n"), "phases[1].files"),
                bad("scaffold without files", withScaffold(""), "phases[1].files"),
                bad("scaffold with no file", withScaffold("      files: []\n"), "phases[1].files"),
                bad("file outside the repository", scaffoldFile("{path: ../a, content: b}"), "phases[1].files[0].path"),
                bad("file in .git", scaffoldFile("{path: .git/config, content: b}"), "phases[1].files[0].path"),
                bad(
                        "template outside the source",
                        scaffoldFile("{path: a, from: a/../../b}"),
                        "phases[1].files[0].from"),
                bad(
                        "file from two templates",
                        scaffoldFile("{path: a, content: b, from: c}"),
                        "phases[1].files[0].from"),
                bad("file without a template", scaffoldFile("{path: a}"), "phases[1].files[0].content"),
                bad(
                        "branch of no repository",
                        scaffoldFile("{path: a, content: b, branch: c}"),
                        "phases[1].files[0].branch"),
                bad(
                        "template directory outside its repository",
                        scaffoldFile("{repository: r, directory: ../d}"),
                        "phases[1].files[0].directory"),
                bad("unknown file field", scaffoldFile("{path: a, text: b}"), "phases[1].files[0].text"),
                bad(
                        "webhook over plain http",
                        PlanReaderConfigureRepositoryTest.withConfigure(
                                "      webhookUrl: http://ferry.example.com/h\n"),
                        "phases[1].webhookUrl"),
                bad(
                        "required reviews as a word",
                        PlanReaderConfigureRepositoryTest.withConfigure("      requiredReviews: one\n"),
                        "phases[1].requiredReviews"),
                bad(
                        "secrets as a list",
                        PlanReaderConfigureRepositoryTest.withConfigure("      secrets: [aws-role]\n"),
                        "phases[1].secrets"),
                bad(
                        "overwrite as a word",
                        withScaffold(SCAFFOLD_FILE + "      overwrite: always\n"),
                        "phases[1].overwrite"));
    }

    private static final String SCAFFOLD_FILE = "      files: [{path: README.md, content: \"# {service}\"}]\n";

    private static String scaffoldFile(String file) {
        return withScaffold("      files:\n        - " + file + "\n");
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

    private static Arguments bad(String what, String yaml, String readerPath) {
        return Arguments.of(what, yaml, readerPath);
    }
}
