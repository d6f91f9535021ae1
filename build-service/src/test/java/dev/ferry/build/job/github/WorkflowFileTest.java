package dev.ferry.build.job.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowFileTest {

    private static final String PATH = ".github/workflows/integration.yml";

    @ParameterizedTest
    @ValueSource(strings = {"on", "\"on\"", "'on'"})
    void acceptsADispatchTriggerDeclaringTheJobInputWhetherOnIsReadAsTrueOrAsText(String on) {
        String workflow = "run-name: ${{ inputs.ferry_job }}\n" + on
                + ":\n  push:\n  workflow_dispatch:\n    inputs:\n      ferry_job:\n        required: true\n";

        assertThatCode(() -> check(workflow)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheOlderSpellingOfTheInputInTheRunName() {
        assertThatCode(() -> check("run-name: Ferry ${{ github.event.inputs.ferry_job }}\n"
                        + "on: {workflow_dispatch: {inputs: {ferry_job: {}}}}\n"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"on: workflow_dispatch", "on: [push, workflow_dispatch]", "on:\n  workflow_dispatch:"})
    void refusesADispatchTriggerWithoutTheJobInput(String on) {
        assertRefused(
                "run-name: ${{ inputs.ferry_job }}\n" + on + "\n", "does not declare the workflow_dispatch input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"on: push", "on: [push, pull_request]", "on: {push: {branches: [main]}}", "name: ci"})
    void refusesAWorkflowWithoutADispatchTrigger(String on) {
        assertRefused(on + "\n", "has no workflow_dispatch trigger");
    }

    @Test
    void refusesARunNameThatIsNotTheJobInput() {
        assertRefused(
                "run-name: nightly\non: {workflow_dispatch: {inputs: {ferry_job: {}}}}\n",
                "does not take its run-name from the input ferry_job");
    }

    @Test
    void refusesTextThatIsNotAWorkflow() {
        assertRefused("on: [push\n", "is not valid YAML");
        assertRefused("- a list\n", "is not a workflow");
    }

    private static void assertRefused(String workflow, String why) {
        assertThatThrownBy(() -> check(workflow))
                .isInstanceOfSatisfying(BuildFailure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(FailureKind.INVALID_INPUT))
                .hasMessageContaining("workflow " + PATH + " of acme/orders at main " + why)
                .hasMessageContaining("run-name: ${{ inputs.ferry_job }}");
    }

    private static void check(String workflow) {
        WorkflowFile.check(PATH, "acme/orders", "main", workflow);
    }
}
