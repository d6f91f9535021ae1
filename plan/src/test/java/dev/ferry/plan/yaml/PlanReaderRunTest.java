package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run phase: its settings on the wire, the three places it runs, and settings refused where they are written. */
class PlanReaderRunTest {

    /** {@link Plans#VALID} with a run phase after the build (phases[2]), the fields given. */
    static String withRun(String fields) {
        return validWith(
                "    - name: deploy-dev\n",
                "    - name: tests\n      action: run\n      dependsOn: [build]\n" + fields
                        + "    - name: deploy-dev\n");
    }

    @Test
    void readsAJobInTheBuiltImageWithItsCommandAndVariables() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withRun("""
                      command: [pytest, -q, tests/]
                      env: {LOG_LEVEL: debug}
                      secretEnv: {DATABASE_URL: iot-db-url}
                      expectOutput: '\\d+ passed'
                """));

        var phase = plan.phase("tests").orElseThrow();
        Map<String, String> settings = phase.settings();
        assertThat(phase.action()).isEqualTo(Actions.RUN);
        assertThat(Run.command(settings)).containsExactly("pytest", "-q", "tests/");
        assertThat(Run.env(settings)).containsExactly(entry("LOG_LEVEL", "debug"));
        assertThat(Run.secretEnv(settings)).containsExactly(entry("DATABASE_URL", "iot-db-url"));
        assertThat(Run.runsOn(settings)).isEqualTo("local");
        assertThat(Run.workspace(settings)).isEqualTo("/workspace");
        assertThat(Run.network(settings)).isFalse();
        assertThat(DryRun.describe(plan))
                .contains("run \"pytest -q tests/\" in the image built for api on the worker's machine; env"
                        + " LOG_LEVEL, DATABASE_URL; output must match /\\d+ passed/; no network; passes on exit"
                        + " code 0");
    }

    @Test
    void readsACommandLineAsTheShellsWords() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml", withRun("      command: alembic upgrade head && echo done\n      image: python:3.12\n"));

        assertThat(Run.command(plan.phase("tests").orElseThrow().settings()))
                .containsExactly("/bin/sh", "-c", "alembic upgrade head && echo done");
    }

    @Test
    void readsAKubernetesJobAndAWorkflowDispatch() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withRun("""
                              runsOn: kubernetes
                              environment: dev
                              namespace: jobs
                              backoffLimit: 2
                              command: [make, smoke]
                            - name: integration
                              action: run
                              dependsOn: [build]
                              runsOn: github-actions
                              workflow: integration.yml
                              inputs: {suite: full}
                        """));

        var kubernetes = plan.phase("tests").orElseThrow();
        assertThat(kubernetes.environment()).isEqualTo("dev");
        assertThat(Run.namespace(kubernetes.settings())).isEqualTo("jobs");
        assertThat(Run.backoffLimit(kubernetes.settings())).isEqualTo(2);
        var github = plan.phase("integration").orElseThrow().settings();
        assertThat(Run.runsOn(github)).isEqualTo("github-actions");
        assertThat(Run.inputs(github)).containsExactly(entry("suite", "full"));
        assertThat(DryRun.describe(plan))
                .contains("dispatch integration.yml with inputs suite in the service's repository and follow its run");
    }

    @Test
    void refusesACommandThatIsNeitherAListNorALine() {
        assertThat(problems(withRun("      command: {run: pytest}\n")))
                .containsExactly("plan.yaml:35:16 phases[2].command: expected a list of words ([pytest, -q]) or one"
                        + " command line for the shell, found a mapping");
    }

    @Test
    void refusesAnUnknownPlaceSuggestingTheClosestOne() {
        assertThat(problems(withRun("      runsOn: kubernets\n")))
                .singleElement()
                .asString()
                .contains("phases[2].runsOn: unknown value \"kubernets\" (did you mean \"kubernetes\"?); use one of"
                        + " local, kubernetes, github-actions");
    }

    @Test
    void refusesAWorkflowRunWithoutAWorkflowAndWithContainerSettings() {
        assertThat(problems(withRun("      runsOn: github-actions\n      image: python:3.12\n      network: true\n")))
                .anySatisfy(p -> assertThat(p)
                        .contains("phases[2].image: applies only to a job that runs a container, and this job runs"
                                + " on github-actions"))
                .anySatisfy(p -> assertThat(p).contains("phases[2].network: applies only to runsOn: local"))
                .anySatisfy(p -> assertThat(p).contains("required field \"workflow\" is missing"))
                .hasSize(3);
    }

    @Test
    void refusesAJobWithNoImageAndNoBuildBeforeIt() {
        assertThat(problems(validWith(
                        "    - name: deploy-dev\n",
                        "    - name: tests\n      action: run\n      dependsOn: [split]\n      command: [true]\n"
                                + "    - name: deploy-dev\n")))
                .singleElement()
                .asString()
                .contains("phases[2].image: a run phase with no image runs the image this run built for the service,"
                        + " but no build phase comes before it");
    }

    @Test
    void refusesABadVariableNameAndABadExpression() {
        assertThat(problems(withRun("      env: {1ST: x}\n      expectOutput: '(passed'\n")))
                .anySatisfy(p -> assertThat(p).contains("phases[2].env.1ST: \"1ST\" is not an environment variable"))
                .anySatisfy(p -> assertThat(p).contains("\"(passed\" is not a regular expression"))
                .hasSize(2);
    }
}
