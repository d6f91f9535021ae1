package dev.ferry.plan.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricConditionTest {

    @Test
    void comparesAValueWithTheThreshold() {
        MetricCondition below = MetricCondition.parse("< 0.01");
        assertThat(below.holds(0.009)).isTrue();
        assertThat(below.holds(0.01)).isFalse();
        assertThat(MetricCondition.parse(">=0.99").holds(0.99)).isTrue();
        assertThat(MetricCondition.parse("<= 5e-1").holds(0.5)).isTrue();
        assertThat(MetricCondition.parse("> 100").holds(100)).isFalse();
        assertThat(MetricCondition.parse("!= 0").holds(1)).isTrue();
        assertThat(MetricCondition.parse("== 0").holds(0)).isTrue();
    }

    @Test
    void notANumberNeverPasses() {
        for (String written : new String[] {"< 1", "<= 1", "> 1", ">= 1", "== 1", "!= 1"}) {
            assertThat(MetricCondition.parse(written).holds(Double.NaN))
                    .as(written)
                    .isFalse();
        }
    }

    @Test
    void refusesAConditionWithoutComparisonOrNumber() {
        assertThatThrownBy(() -> MetricCondition.parse("0.01")).hasMessageContaining("is not a condition");
        assertThatThrownBy(() -> MetricCondition.parse("< low")).hasMessageContaining("is not a condition");
        assertThatThrownBy(() -> MetricCondition.parse("=< 1")).hasMessageContaining("one of <, <=, >, >=, ==, !=");
    }

    @Test
    void printsAsThePlanWritesIt() {
        assertThat(MetricCondition.parse("<0.01")).hasToString("< 0.01");
    }
}
