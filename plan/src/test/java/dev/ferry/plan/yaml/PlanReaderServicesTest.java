package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.SplitPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Services and environments: names, paths, templates, and services that would collide once resolved. */
class PlanReaderServicesTest {

    @Test
    void reportsADuplicateServiceWithTheLineOfTheFirst() {
        assertThat(problems(validWith("    - name: web\n      path: web\n", "    - name: api\n      path: web\n")))
                .containsExactly("plan.yaml:24:13 services[1].name: duplicate service \"api\" (first at line 22)");
    }

    @Test
    void reportsADuplicateEnvironment() {
        assertThat(problems(validWith("    - name: prod\n", "    - name: prod\n    - name: dev\n")))
                .containsExactly(
                        "plan.yaml:21:13 environments[2].name: duplicate environment \"dev\" (first at line" + " 19)");
    }

    @Test
    void reportsTwoServicesWithTheSamePath() {
        assertThat(problems(validWith("      path: web\n", "      path: services/api\n")))
                .containsExactly("plan.yaml:25:13 services[1].path: duplicate service path \"services/api\" (first at"
                        + " line 23)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/srv/web | is absolute; give it relative to the repository root, e.g. services/user-service",
                "C:/web | is absolute; give it relative to the repository root, e.g. services/user-service",
                "services/../../web | leaves the repository through \"..\"; give a directory inside it",
                "services//web | is not normalised; write \"services/web\"",
                "./web | is not normalised; write \"web\"",
                "web/ | is not normalised; write \"web\"",
                "services\\web | uses backslashes; write \"services/web\" with forward slashes",
            })
    void rejectsServicePathsOutsideTheRepositoryOrNotNormalised(String path, String problem) {
        assertThat(problems(validWith("      path: web\n", "      path: '" + path + "'\n")))
                .containsExactly("plan.yaml:25:13 services[1].path: service path \"" + path + "\" " + problem);
    }

    @Test
    void rejectsAnEmptyServicePath() {
        assertThat(problems(validWith("      path: web\n", "      path: ''\n")))
                .containsExactly("plan.yaml:25:13 services[1].path: service path \"\" is empty; give the service's"
                        + " directory relative to the repository root, e.g. services/user-service");
    }

    @Test
    void readsSeveralPathsWithTheirPlacesInTheServicesRepository() {
        var plan = PlanReader.read(
                "plan.yaml",
                validWith(
                        "      path: web\n",
                        "      paths:\n        - libs/common/ -> common/\n        - services/user/ -> ./\n        - docs\n"));

        assertThat(plan.service("web").orElseThrow().paths())
                .containsExactly(
                        new SplitPath("libs/common", "common"),
                        new SplitPath("services/user", ""),
                        new SplitPath("docs", "docs"));
        assertThat(plan.service("web").orElseThrow().path()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "libs/common/ -> ../common/ | target \"../common\" leaves the repository through \"..\"; give a"
                        + " directory inside it",
                "/libs/common -> common | source directory \"/libs/common\" is absolute; give it relative to the"
                        + " repository root, e.g. services/user-service",
                "-> common/ | \"-> common/\" names no source directory; write e.g. libs/common/ -> common/",
                "a -> b -> c | \"a -> b -> c\" has two \"->\"; write one move: libs/common/ -> common/",
            })
    void rejectsAPathMoveOutOfTheRepositoryOrWithoutASource(String move, String problem) {
        assertThat(problems(validWith("      path: web\n", "      paths: ['" + move + "']\n")))
                .containsExactly("plan.yaml:25:15 services[1].paths: " + problem);
    }

    @Test
    void rejectsOverlappingPathsAndPathWithPaths() {
        assertThat(problems(validWith("      path: web\n", "      paths: [libs/, libs/common/ -> common/]\n")))
                .containsExactly("plan.yaml:25:15 services[1].paths: paths libs/ and libs/common/ overlap: one is"
                        + " inside the other, so its files would be copied twice; list only the outer one");
        assertThat(problems(validWith("      path: web\n", "      path: web\n      paths: [libs/]\n")))
                .containsExactly("plan.yaml:25:13 services[1].path: service has both path and paths: give its one"
                        + " directory as path, or list every directory under paths (services/user/ -> ./)");
    }

    @Test
    void requiresAPathForServicesASplitPhaseSplits() {
        assertThat(problems(validWith("      path: web\n", "      port: 80\n")))
                .containsExactly("plan.yaml:24:7 services[1].path: required field \"path\" is missing; give the"
                        + " service's directory in the source repository, which phase \"split\" splits out (e.g."
                        + " services/user-service), or its paths");
    }

    @ParameterizedTest
    @CsvSource({"Web,web", "web_app,web-app", "-web,web", "web.app,web-app"})
    void rejectsServiceNamesThatAreNotDnsLabels(String name, String suggestion) {
        assertThat(problems(validWith("    - name: web\n", "    - name: " + name + "\n")))
                .containsExactly("plan.yaml:24:13 services[1].name: service name \"" + name + "\" is not a valid name:"
                        + " use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. \""
                        + suggestion + "\")");
    }

    @Test
    void reportsAnUnknownPlaceholderSuggestingTheClosestOne() {
        assertThat(problems(validWith("shop-{service}.git", "shop-{servce}.git")))
                .containsExactly("plan.yaml:10:19 defaults.target.repository: has an unknown placeholder {servce} (did"
                        + " you mean {service}?); usable here: {service}");
    }

    @Test
    void reportsAPlaceholderThatHasNoValueWhereItIsUsed() {
        assertThat(problems(validWith("shop-{service}.git", "shop-{service}-{env}.git")))
                .containsExactly("plan.yaml:10:19 defaults.target.repository: cannot use {env} here, it has no value at"
                        + " that point; usable here: {service}");
    }

    @Test
    void reportsAnUnmatchedBrace() {
        assertThat(problems(
                        validWith("path: envs/{env}/{service}/values.yaml", "path: envs/{env/{service}/values.yaml")))
                .singleElement()
                .asString()
                .startsWith("plan.yaml:17:11 gitops.path: has an unmatched brace");
    }

    @Test
    void refusesTheEnvironmentInTheImmutableTag() {
        String plan =
                validWith("    repository: acme\n", "    repository: acme\n    tagTemplate: \"{service}-{env}\"\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:14:18 registry.tagTemplate: the immutable tag template \"{service}-{env}\""
                        + " uses {env}, which changes for the same image; use {sha} here and put {env} in movingTags"
                        + " (e.g. {service}-{env})");
    }

    @Test
    void acceptsTheEnvironmentAndReleaseInMovingTags() {
        String plan = validWith(
                "    repository: acme\n",
                "    repository: acme\n    tagTemplate: \"{service}-{sha:8}\"\n"
                        + "    movingTags: [\"{service}-{env}\", \"{service}-v{semver}\", \"{service}-{short-sha}\"]\n");

        assertThat(PlanReader.read("plan.yaml", plan)
                        .service("api")
                        .orElseThrow()
                        .image()
                        .movingTags())
                .containsExactly("{service}-{env}", "{service}-v{semver}", "{service}-{short-sha}");
    }

    @Test
    void reportsTwoServicesSplittingIntoTheSameRepository() {
        assertThat(problems(validWith("shop-{service}.git", "shop-services.git")))
                .containsExactly("plan.yaml:24:13 services[1].name: service \"web\" splits into the same repository"
                        + " https://github.com/acme/shop-services.git as \"api\"; put {service} in"
                        + " target.repository");
    }

    @Test
    void reportsTwoServicesPushingTheSameTags() {
        String plan = validWith("    repository: acme\n", "    repository: acme\n    tagTemplate: \"{sha}\"\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:25:13 services[1].name: service \"web\" pushes the same tags to"
                        + " registry.example.com/acme as \"api\"; put {service} in the tag template or in the image"
                        + " repository");
    }

    @Test
    void reportsAParameterThatContradictsAField() {
        String plan =
                validWith("      path: web\n", "      path: web\n      port: 8080\n      parameters: {port: 9090}\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:27:20 services[1].parameters.port: parameter port=9090 contradicts"
                        + " port=8080, which Ferry derives from the plan's fields; keep one");
    }

    @Test
    void requiresRepositoryAndLayoutOfAnEnvironmentWhenThePlanHasNoGitops() {
        String plan = validWith(
                        "  gitops:\n    repository: https://github.com/acme/gitops.git\n    layout: helm-values\n"
                                + "    path: envs/{env}/{service}/values.yaml\n",
                        "")
                .replace("    - name: dev\n", "    - name: dev\n      path: envs/dev/{service}.yaml\n");

        assertThat(problems(plan))
                .contains(
                        "plan.yaml:15:7 environments[0].repository: required field \"repository\" is missing; give the"
                                + " GitOps repository (there is no spec.gitops to inherit from)",
                        "plan.yaml:15:7 environments[0].layout: required field \"layout\" is missing; give helm-values,"
                                + " kustomize or plain-manifest (there is no spec.gitops to inherit from)");
    }

    @Test
    void requiresRepositoryAndLayoutInTheGitopsSection() {
        assertThat(problems(validWith("    layout: helm-values\n", "")))
                .containsExactly("plan.yaml:15:5 gitops.layout: required field \"layout\" is missing; give how"
                        + " deployments are recorded: helm-values, kustomize or plain-manifest");
    }

    @Test
    void refusesASyncTimeoutBelowOneSecond() {
        assertThat(problems(
                        validWith("    layout: helm-values\n", "    layout: helm-values\n    syncTimeout: 500ms\n")))
                .containsExactly("plan.yaml:17:18 gitops.syncTimeout: must be between 1s and 24h, was 500ms");
    }
}
