package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fields: required, of the right type, known by name, with values in range. */
class PlanReaderFieldsTest {

    @Test
    void reportsAMissingRequiredFieldAtTheMappingThatLacksIt() {
        assertThat(problems(validWith("    - name: web\n      path: web\n", "    - path: web\n")))
                .containsExactly("plan.yaml:24:7 services[1].name: required field \"name\" is missing; give the"
                        + " service's name, e.g. user-service");
    }

    @Test
    void reportsAMissingSourceRepository() {
        assertThat(problems(validWith("    repository: https://github.com/acme/shop.git\n", "    branch: main\n")))
                .containsExactly("plan.yaml:7:5 source.repository: required field \"repository\" is missing; give"
                        + " the URL or path of the repository to split");
    }

    @Test
    void reportsAListWhereAMappingIsExpected() {
        assertThat(problems(validWith(
                        "  source:\n    repository: https://github.com/acme/shop.git\n",
                        "  source:\n    - https://github.com/acme/shop.git\n")))
                .contains("plan.yaml:7:5 source: expected a mapping (key: value lines), found a list");
    }

    @Test
    void reportsAMappingWhereAListIsExpected() {
        assertThat(problems(validWith("      dependsOn: [split]", "      dependsOn: {phase: split}")))
                .contains("plan.yaml:31:18 phases[1].dependsOn: expected a list (lines starting with -), found a"
                        + " mapping");
    }

    @Test
    void reportsTextWhereANumberIsExpected() {
        String plan =
                validWith("      dependsOn: [split]\n", "      dependsOn: [split]\n      retry: {attempts: three}\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:32:25 phases[1].retry.attempts: expected a whole number, found \"three\"");
    }

    @Test
    void reportsTextWhereTrueOrFalseIsExpected() {
        String plan = validWith("      approval: required", "      approval: required\n      barrier: always");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:41:16 phases[3].barrier: expected true or false, found \"always\"");
    }

    @Test
    void reportsAListWhereTextIsExpected() {
        assertThat(problems(validWith("      environment: prod", "      environment: [prod]")))
                .contains("plan.yaml:38:20 phases[3].environment: expected plain text, found a list");
    }

    @Test
    void reportsAnUnknownFieldSuggestingTheClosestKnownOne() {
        assertThat(problems(validWith("      approval: required", "      aproval: required")))
                .containsExactly("plan.yaml:40:7 phases[3].aproval: unknown field \"aproval\" (did you mean"
                        + " \"approval\"?); known here: name, action, dependsOn, approval, approvals, barrier,"
                        + " onFailure,"
                        + " retry, services, rollout, timeout, moves, delete, rewrite, rewriteFiles, branch, backupTag, pullRequest, dryRun, repositories, octopus, prefixTags, files, overwrite, description, topics, requiredChecks,"
                        + " requiredReviews, secrets, variables, teams, webhookUrl, webhookSecretRef, context, command, image, env, secretEnv, workspace,"
                        + " expectOutput, runsOn, network, environment, namespace, backoffLimit, workflow, inputs,"
                        + " database, credentialRef, storage, storageEndpoint, storageCredentialRef, backup, sourceDatabase, sourceCredentialRef, targetDatabase,"
                        + " targetCredentialRef, tables, renames,"
                        + " filters, targetTables, maxLag, mode, migration, foreignKeys, chunkRows,"
                        + " environments, composeFile, profiles, healthPath, secretBackend, secretStore, ingressHost,"
                        + " ingressClass, maxReplicas, cpuTarget, serviceMonitor, metricsPath, volumeSize, replicas,"
                        + " checks, checkDeadline, tag,"
                        + " route, routeKind, routeFile, backend, steps, queries, conditions, interval,"
                        + " failuresAllowed, noData, checklist, duration, force");
    }

    @Test
    void reportsAnUnknownFieldWithoutSuggestionWhenNothingIsClose() {
        assertThat(problems(validWith("    host: registry.example.com", "    host: registry.example.com\n    zone: x")))
                .singleElement()
                .asString()
                .startsWith("plan.yaml:13:5 registry.zone: unknown field \"zone\"; known here: host, repository");
    }

    @Test
    void reportsAnUnknownTopLevelSection() {
        assertThat(problems(validWith("  registry:\n", "  registries:\n    host: x\n  registry:\n")))
                .singleElement()
                .asString()
                .startsWith("plan.yaml:11:3 registries: unknown field \"registries\" (did you mean \"registry\"?)");
    }

    @Test
    void reportsAnUnknownEnumValueSuggestingTheClosestOne() {
        assertThat(problems(validWith("layout: helm-values", "layout: helm-value")))
                .containsExactly("plan.yaml:16:13 gitops.layout: unknown value \"helm-value\" (did you mean"
                        + " \"helm-values\"?); use one of helm-values, kustomize, plain-manifest");
    }

    @Test
    void refusesAPortOutsideTheTcpRange() {
        assertThat(problems(validWith("      path: web\n", "      path: web\n      port: 70000\n")))
                .containsExactly("plan.yaml:26:13 services[1].port: port 70000 is outside 1-65535");
    }

    @Test
    void refusesAnUnknownApprovalValue() {
        assertThat(problems(validWith("approval: required", "approval: requierd")))
                .containsExactly("plan.yaml:40:17 phases[3].approval: unknown value \"requierd\" (did you mean"
                        + " \"required\"?); use required (or true) or none (or false)");
    }

    @Test
    void refusesAnEmptyServiceList() {
        assertThat(problems(Plans.withoutServices()))
                .contains("plan.yaml:21:13 services: is empty; give at least one service (name and" + " path)");
    }
}
