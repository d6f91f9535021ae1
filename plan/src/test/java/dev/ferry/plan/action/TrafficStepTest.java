package dev.ferry.plan.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficStepTest {

    @Test
    void readsAWeightWithItsPauseAndALastStepWithout() {
        assertThat(TrafficStep.parse("10% for 48h")).isEqualTo(new TrafficStep(10, Duration.ofHours(48)));
        assertThat(TrafficStep.parse(" 100 % ")).isEqualTo(new TrafficStep(100, Duration.ZERO));
        assertThat(TrafficStep.parse("25% for 1h30m").toString()).isEqualTo("25% for 1h30m");
    }

    @Test
    void refusesWeightsOutsideZeroToHundred() {
        assertThatThrownBy(() -> TrafficStep.parse("101%")).hasMessage("weight 101% is outside 0-100");
        assertThatThrownBy(() -> TrafficStep.parse("-5%")).hasMessageContaining("is not a traffic step");
    }

    @Test
    void refusesAPauseThatIsNotADuration() {
        assertThatThrownBy(() -> TrafficStep.parse("10% for two days")).hasMessageContaining("is not a traffic step");
        assertThatThrownBy(() -> TrafficStep.parse("10% for 48"))
                .hasMessage("\"48\" in \"10% for 48\" is not a duration; write it like 30m, 24h or 2d");
    }

    @Test
    void refusesWeightsThatDoNotIncreaseNamingTheStep() {
        assertThat(TrafficStep.parseAll(List.of("10% for 1h", "25% for 1h", "100%")))
                .extracting(TrafficStep::weight)
                .containsExactly(10, 25, 100);
        assertThatThrownBy(() -> TrafficStep.parseAll(List.of("10% for 1h", "10% for 1h")))
                .hasMessage("step 2: weight 10% does not increase on step 1's 10%; each step moves more traffic to the"
                        + " new backend");
        assertThatThrownBy(() -> TrafficStep.parseAll(List.of())).hasMessageStartingWith("no steps");
    }
}
