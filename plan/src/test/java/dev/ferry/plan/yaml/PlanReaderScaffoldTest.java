package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Scaffold;
import org.junit.jupiter.api.Test;

/** A scaffold's files: the list as written, its settings on the wire, and the checks of paths and placeholders. */
class PlanReaderScaffoldTest {

    /** Two files: one written in the plan, one read from the source. */
    static final String FILES = """
                  files:
                    - path: README.md
                      content: |
                        # {service}

                        Image {registry}/{image-repository}, deployed through {gitops-repository}.
                    - path: .github/workflows/ci.yml
                      from: templates/ci.yml
            """;

    /** {@link Plans#VALID} with a scaffold phase after the split (phases[1], its action on line 30). */
    static String withScaffold(String fields) {
        return validWith(
                "    - name: build\n",
                "    - name: scaffold\n      action: scaffold\n      dependsOn: [split]\n" + fields
                        + "    - name: build\n");
    }

    @Test
    void readsTheFilesIntoNumberedSettings() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withScaffold(FILES + "      overwrite: true\n"));

        PhaseDefinition scaffold = plan.phase("scaffold").orElseThrow();
        assertThat(scaffold.action()).isEqualTo(Actions.SCAFFOLD);
        assertThat(scaffold.settings())
                .containsOnly(
                        entry("files.1.path", "README.md"),
                        entry(
                                "files.1.content",
                                "# {service}\n\nImage {registry}/{image-repository}, deployed through"
                                        + " {gitops-repository}.\n"),
                        entry("files.2.path", ".github/workflows/ci.yml"),
                        entry("files.2.from", "templates/ci.yml"),
                        entry("overwrite", "true"));
        assertThat(Scaffold.files(scaffold.settings()))
                .extracting(Scaffold.Entry::path)
                .containsExactly("README.md", ".github/workflows/ci.yml");
        assertThat(plan.service("api").orElseThrow().parameters())
                .containsEntry(Scaffold.GITOPS_REPOSITORY_PARAMETER, "https://github.com/acme/gitops.git");
    }

    @Test
    void dryRunListsTheFilesAndTheRuleItCannotCheck() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withScaffold(FILES));

        assertThat(DryRun.describe(plan))
                .contains("scaffold -> write README.md, .github/workflows/ci.yml (from templates/ci.yml) into"
                        + " https://github.com/acme/shop-api.git (branch main); each written if missing or unchanged"
                        + " since Ferry wrote it, else left and reported");
    }

    @Test
    void leavesShellJsonAndActionsBracesAsText() {
        String files = """
                      files:
                        - path: ci.yml
                          content: |
                            tag: {service}-${{ github.sha }} ${IMAGE_TAG} {"a": 1} src/{a,b} {{not}}
                """;

        PlanReader.read("plan.yaml", withScaffold(files));
    }

    @Test
    void reportsAnUnknownPlaceholderWhereItIsWritten() {
        String files = FILES.replace("Image {registry}", "Image {registy}");

        assertThat(problems(withScaffold(files)))
                .containsExactly("plan.yaml:37:19 phases[1].files[0].content: has an unknown placeholder {registy}"
                        + " (did you mean {registry}?); usable here: {gitops-repository} {image-repository}"
                        + " {registry} {service} and the services' parameters");
    }

    @Test
    void reportsAPlaceholderOnlySomeServicesHaveAValueFor() {
        String plan = withScaffold("      files:\n        - {path: PORT, content: \"listens on {port}\"}\n")
                .replace("      path: services/api\n", "      path: services/api\n      port: 8080\n");

        assertThat(problems(plan))
                .containsExactly("plan.yaml:34:45 phases[1].files[0].content: {port} has no value for web; give each"
                        + " of them a port");
    }

    @Test
    void fillsTheServicesParametersByName() {
        String plan = withScaffold("      files:\n        - {path: OWNERS, content: \"@acme/{team}\"}\n")
                .replace("  defaults:\n", "  defaults:\n    parameters: {team: shop}\n");

        PlanReader.read("plan.yaml", plan);
    }

    @Test
    void refusesPathsOutsideTheRepository() {
        String files = FILES.replace("path: README.md", "path: ../README.md")
                .replace("from: templates/ci.yml", "from: /etc/ci.yml");

        assertThat(problems(withScaffold(files)))
                .containsExactly(
                        "plan.yaml:33:17 phases[1].files[0].path: \"../README.md\" leaves the repository through"
                                + " \"..\"; give a path inside it",
                        "plan.yaml:39:17 phases[1].files[1].from: \"/etc/ci.yml\" is not a relative path; give it"
                                + " relative to the repository's root with forward slashes, e.g."
                                + " .github/workflows/ci.yml");
    }

    @Test
    void reportsAFileWithTwoTemplatesOrNone() {
        String files = """
                      files:
                        - {path: A, content: a, from: b}
                        - {path: B}
                        - {path: C, content: c}
                        - {path: C, content: again}
                        - {path: D, content: d, branch: main}
                """;

        assertThat(problems(withScaffold(files)))
                .containsExactly(
                        "plan.yaml:33:39 phases[1].files[0].from: give one of content (the template), from (a template"
                                + " file in the source) or repository (a template repository's directory), not content"
                                + " and from",
                        "plan.yaml:34:11 phases[1].files[1].content: required field \"content\" is missing; give the"
                                + " file's template, from: a template file in the source repository, or repository: a"
                                + " template repository",
                        "plan.yaml:36:18 phases[1].files[3].path: duplicate file \"C\" (first at line 35)",
                        "plan.yaml:37:41 phases[1].files[4].branch: only a template repository entry (with repository)"
                                + " has branch");
    }

    @Test
    void readsADirectoryOfATemplateRepository() {
        String files = """
                      files:
                        - repository: https://github.com/acme/templates.git
                          directory: node
                          credentialRef: github-token
                        - path: docs
                          repository: https://github.com/acme/docs-template.git
                          branch: v2
                """;

        MigrationPlan plan = PlanReader.read("plan.yaml", withScaffold(files));

        PhaseDefinition scaffold = plan.phase("scaffold").orElseThrow();
        assertThat(Scaffold.files(scaffold.settings()))
                .containsExactly(
                        new Scaffold.TemplateDirectory(
                                "", "https://github.com/acme/templates.git", "main", "node", "github-token"),
                        new Scaffold.TemplateDirectory(
                                "docs", "https://github.com/acme/docs-template.git", "v2", "", null));
        assertThat(DryRun.describe(plan))
                .contains(
                        "scaffold -> write every file of node in https://github.com/acme/templates.git (branch"
                                + " main), every file of https://github.com/acme/docs-template.git (branch v2) under docs into");
    }

    @Test
    void refusesATemplateDirectoryOutsideItsRepository() {
        String files = "      files:\n        - {repository: https://github.com/acme/t.git, directory: ../x}\n";

        assertThat(problems(withScaffold(files)))
                .containsExactly("plan.yaml:33:66 phases[1].files[0].directory: \"../x\" leaves the repository"
                        + " through \"..\"; give a path inside it");
    }

    @Test
    void reportsAScaffoldWithoutFiles() {
        assertThat(problems(withScaffold("")))
                .containsExactly("plan.yaml:30:15 phases[1].files: a scaffold phase needs a files (the files to write,"
                        + " each a path with content (a template) or from (a template file in the source repository),"
                        + " or a template repository's directory)");
    }
}
