package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.action.Actions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fields that come from the action catalogue (a wait's duration) and the phase fields rollout and timeout. */
class PlanReaderActionFieldsTest {

    private static final String WAIT_BEFORE_PROD = """
                - name: deploy-prod
                  action: deploy
                  environment: prod
                  dependsOn: [monitor]
                  approval: required
                - name: monitor
                  action: wait
                  duration: 48h
                  dependsOn: [deploy-dev]
            """;

    /** {@link Plans#VALID} with a wait between deploy-dev and deploy-prod, its fields as given. */
    static String withWait(String waitFields) {
        return validWith("""
                - name: deploy-prod
                  action: deploy
                  environment: prod
                  dependsOn: [deploy-dev]
                  approval: required
            """, WAIT_BEFORE_PROD.replace("      duration: 48h\n", waitFields));
    }

    @Test
    void readsAWaitWithItsDurationAndTheActionsDefaultTimeout() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withWait("      duration: 48h\n"));

        PhaseDefinition monitor = plan.phase("monitor").orElseThrow();
        assertThat(monitor.action()).isEqualTo(Actions.WAIT);
        assertThat(monitor.settings()).containsEntry("duration", "48h");
        assertThat(monitor.timeout()).isEqualTo(Actions.WAIT.defaultTimeout());
        assertThat(DryRun.describe(plan)).contains("monitor -> wait 48h");
    }

    @Test
    void reportsAWaitWithoutItsDuration() {
        assertThat(problems(withWait("")))
                .containsExactly("plan.yaml:42:15 phases[4].duration: a wait phase needs a"
                        + " duration (how long to wait, e.g. 30m, 48h or 2d)");
    }

    @Test
    void reportsAWaitWhoseDurationIsNotOne() {
        assertThat(problems(withWait("      duration: two days\n")))
                .containsExactly("plan.yaml:43:17 phases[4].duration: \"two days\" is not a duration; write a number"
                        + " with a unit: 500ms, 30s, 2m, 1h, 2d or a sum such as 1m30s");
    }

    @Test
    void reportsADurationOnAnActionThatTakesNone() {
        assertThat(problems(validWith("      action: build\n", "      action: build\n      duration: 5m\n")))
                .containsExactly("plan.yaml:31:17 phases[1].duration: only wait phases have a duration; a build"
                        + " phase takes none");
    }

    @Test
    void readsASequentialRolloutAndATimeout() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml",
                validWith(
                        "      action: split\n",
                        "      action: split\n      rollout: sequential\n      timeout: 3h\n"));

        PhaseDefinition split = plan.phase("split").orElseThrow();
        assertThat(split.rollout()).isEqualTo(Rollout.SEQUENTIAL);
        assertThat(split.timeout()).isEqualTo(Duration.ofHours(3));
        assertThat(plan.phase("build").orElseThrow().rollout()).isEqualTo(Rollout.PARALLEL);
        assertThat(DryRun.describe(plan)).contains("1. split (split) [one service at a time; timeout 3h]");
    }

    @Test
    void reportsAnUnknownRolloutSuggestingTheClosestOne() {
        assertThat(problems(validWith("      action: split\n", "      action: split\n      rollout: sequental\n")))
                .containsExactly("plan.yaml:29:16 phases[0].rollout: unknown value \"sequental\" (did you mean"
                        + " \"sequential\"?); use one of parallel, sequential");
    }
}
