package dev.ferry.planner.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.planner.domain.run.RunInput;
import dev.ferry.planner.domain.run.StepResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal keeps runs going across planner versions: results are named outputs, and older entries still read. */
class InputJsonTest {

    @Test
    void writesAndReadsAResultAsNamedOutputs() {
        var input =
                new RunInput.StepSucceeded("monitor", "auth", 2, StepResult.of("waitedUntil", "2026-12-06T10:00:00Z"));

        assertThat(InputJson.readInput(InputJson.write(input))).isEqualTo(input);
    }

    @Test
    void keepsTheRollbackTimeOfAFailureAndReadsFailuresJournaledBeforeIt() {
        var rolledBack = new RunInput.StepFailed("deploy-dev", "auth", 1, false, "rolled back in 840 ms", 840L);
        String older = """
                {"type":"step-failed","phase":"deploy-dev","service":"auth","attempt":1,"retryable":false,
                 "reason":"boom"}""";

        assertThat(InputJson.readInput(InputJson.write(rolledBack))).isEqualTo(rolledBack);
        assertThat(InputJson.readInput(older))
                .isEqualTo(new RunInput.StepFailed("deploy-dev", "auth", 1, false, "boom", null));
    }

    @Test
    void readsAResultAJournalHeldBeforeOutputsWereNamedOrAttemptsChecked() {
        String split = """
                {"type":"step-succeeded","phase":"split","service":"auth",
                 "result":{"type":"split","splitCommit":"abc123","targetRepository":"/repos/auth.git"}}""";
        String deployed = """
                {"type":"step-succeeded","phase":"deploy-dev","service":"auth",
                 "result":{"type":"deployed","environment":"dev","imageTag":"auth-abc123","gitopsCommit":null,
                 "message":"no cluster is configured","rollback":false}}""";

        assertThat(InputJson.readInput(split))
                .isEqualTo(new RunInput.StepSucceeded(
                        "split",
                        "auth",
                        RunInput.JOURNALED_BEFORE_ATTEMPTS,
                        StepResult.of("splitCommit", "abc123", "targetRepository", "/repos/auth.git")));
        assertThat(((RunInput.StepSucceeded) InputJson.readInput(deployed))
                        .result()
                        .outputs())
                .containsExactly(
                        Map.entry("environment", "dev"),
                        Map.entry("imageTag", "auth-abc123"),
                        Map.entry("deployMessage", "no cluster is configured"));
    }
}
