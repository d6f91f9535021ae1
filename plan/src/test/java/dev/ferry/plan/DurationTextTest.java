package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @Test
    void readsEachUnit() {
        assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(DurationText.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).contains(Duration.ofHours(1));
        assertThat(DurationText.parse("2d")).contains(Duration.ofHours(48));
    }

    @Test
    void readsASum() {
        assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("1m30s")).contains(Duration.ofSeconds(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"600", "30 s", "2 minutes", "-5s", "s", "", "1.5m", "1w", "99999999999999999999h"})
    void refusesWhatIsNotANumberWithAUnit(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @Test
    void writesTheShortestForm() {
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Property
    void readsBackWhatItWrites(@ForAll @LongRange(min = 0, max = 365L * 24 * 3600 * 1000) long millis) {
        Duration duration = Duration.ofMillis(millis);

        assertThat(DurationText.parse(DurationText.format(duration))).contains(duration);
    }
}
