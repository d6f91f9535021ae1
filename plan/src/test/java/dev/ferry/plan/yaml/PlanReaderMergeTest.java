package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Merge;
import org.junit.jupiter.api.Test;

/** A merge phase: the repositories it brings in, read as the worker reads them, and bad entries refused. */
class PlanReaderMergeTest {

    /** {@link Plans#VALID} with a merge phase before the split (phases[0]). */
    static String withMerge(String fields) {
        return validWith(
                "    - name: split\n      action: split\n",
                "    - name: merge\n      action: merge\n" + fields
                        + "    - name: split\n      action: split\n      dependsOn: [merge]\n");
    }

    @Test
    void readsEachRepositoryWithItsBranchAndDirectory() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml",
                withMerge("      repositories:\n"
                        + "        - https://github.com/acme/api.git -> services/api\n"
                        + "        - https://github.com/acme/web.git#develop -> web/\n"
                        + "      octopus: true\n      prefixTags: true\n"));

        var merge = plan.phase("merge").orElseThrow();
        assertThat(merge.action()).isEqualTo(Actions.MERGE);
        assertThat(Merge.repositories(merge.settings()))
                .containsExactly(
                        new Merge.Incoming("https://github.com/acme/api.git", "main", "services/api"),
                        new Merge.Incoming("https://github.com/acme/web.git", "develop", "web"));
        assertThat(Merge.octopus(merge.settings())).isTrue();
        assertThat(DryRun.describe(plan))
                .contains("merge into https://github.com/acme/shop.git (branch main), in one octopus merge, tags"
                        + " renamed <directory>/<tag>: https://github.com/acme/api.git -> services/api;"
                        + " https://github.com/acme/web.git#develop -> web/");
    }

    @Test
    void refusesAnEntryWithoutDirectoryOneOutsideTheRepositoryAndOverlappingDirectories() {
        assertThat(problems(withMerge("      repositories:\n"
                        + "        - https://github.com/acme/api.git\n"
                        + "        - https://github.com/acme/web.git -> ../web\n"
                        + "        - https://github.com/acme/a.git -> services\n"
                        + "        - https://github.com/acme/b.git -> services/b\n")))
                .containsExactly(
                        "plan.yaml:30:11 phases[0].repositories: repository \"https://github.com/acme/api.git\" has no"
                                + " directory: write URL[#branch] -> directory, e.g. https://github.com/acme/api.git"
                                + " -> services/api",
                        "plan.yaml:31:11 phases[0].repositories: directory \"../web\" of https://github.com/acme/web.git"
                                + " leaves the repository through \"..\"; give a directory inside it",
                        "plan.yaml:33:11 phases[0].repositories: directories services/ and services/b/ overlap: give"
                                + " each repository a directory of its own");
    }

    @Test
    void requiresRepositories() {
        assertThat(problems(withMerge("")))
                .singleElement()
                .asString()
                .contains("phases[0].repositories: a merge phase needs a repositories (each repository and the"
                        + " directory it goes to: URL[#branch] -> directory");
    }
}
