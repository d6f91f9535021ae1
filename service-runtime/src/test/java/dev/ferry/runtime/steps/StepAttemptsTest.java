package dev.ferry.runtime.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.steps.StepAttempts.Marks;
import dev.ferry.runtime.steps.StepAttempts.Verdict;
import org.junit.jupiter.api.Test;

class StepAttemptsTest {

    private final StepAttempts attempts = new StepAttempts();
    private final StepRef users = new StepRef("run-1", "deploy-prod", "users");

    @Test
    void aStepNeverSeenRunsAndAStepTakenOnButUnansweredRunsAgain() {
        assertThat(attempts.judge(users, 1)).isEqualTo(Verdict.RUN);
        attempts.take(users, 1);
        assertThat(attempts.judge(users, 1)).isEqualTo(Verdict.RUN);
    }

    @Test
    void anAnsweredAttemptIsAnsweredOlderOnesAreSupersededAndANewerAttemptRuns() {
        attempts.take(users, 2);
        attempts.answer(users, 2);
        assertThat(attempts.judge(users, 2)).isEqualTo(Verdict.ANSWERED);
        assertThat(attempts.judge(users, 1)).isEqualTo(Verdict.SUPERSEDED);
        assertThat(attempts.judge(users, 3)).isEqualTo(Verdict.RUN);
    }

    @Test
    void anAttemptOlderThanOneTakenOnIsSuperseded() {
        attempts.take(users, 3);
        assertThat(attempts.judge(users, 2)).isEqualTo(Verdict.SUPERSEDED);
        assertThat(attempts.judge(new StepRef("run-1", "deploy-prod", "orders"), 2))
                .isEqualTo(Verdict.RUN);
    }

    @Test
    void marksReadFromAnotherReplicaOnlyEverMoveForward() {
        attempts.take(users, 4);
        assertThat(attempts.merge(users, new Marks(2, 2))).isEqualTo(new Marks(4, 2));
        assertThat(attempts.merge(users, new Marks(4, 2))).as("nothing new").isNull();
        assertThat(attempts.take(users, 3)).isNull();
    }

    @Test
    void keysRoundTripAndBelongToOneGroup() {
        var odd = new StepRef("run 1", "phase/with slash", "");
        String key = odd.key("repo-service");
        assertThat(StepRef.fromKey("repo-service", key)).isEqualTo(odd);
        assertThat(StepRef.fromKey("repo", key)).isNull();
        assertThat(StepRef.fromKey("repo-service", "repo-service/only-two")).isNull();
    }

    @Test
    void unreadableMarksSayWhatTheyShouldLookLike() {
        assertThat(Marks.parse("3,2")).isEqualTo(new Marks(3, 2));
        assertThatThrownBy(() -> Marks.parse("3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taken,answered");
    }
}
