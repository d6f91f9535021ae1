package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> PHASES = List.of("split", "build", "deploy-dev", "deploy-prod");

    @Test
    void suggestsTheNameOneTypoAway() {
        assertThat(DidYouMean.closest("bild", PHASES)).contains("build");
        assertThat(DidYouMean.closest("deploy-dve", PHASES)).contains("deploy-dev");
    }

    @Test
    void countsSwappedNeighboursAsOneTypo() {
        assertThat(DidYouMean.distance("biuld", "build")).isEqualTo(1);
        assertThat(DidYouMean.closest("biuld", PHASES)).contains("build");
    }

    @Test
    void ignoresCase() {
        assertThat(DidYouMean.closest("Split", PHASES)).contains("split");
    }

    @Test
    void suggestsNothingWhenNoNameIsClose() {
        assertThat(DidYouMean.closest("archive", PHASES)).isEmpty();
        assertThat(DidYouMean.hint("archive", PHASES)).isEmpty();
    }

    @Test
    void prefersTheClosestName() {
        assertThat(DidYouMean.closest("deploy-pro", PHASES)).contains("deploy-prod");
    }

    @Test
    void phrasesTheHintForAMessage() {
        assertThat(DidYouMean.hint("bild", PHASES)).isEqualTo(" (did you mean \"build\"?)");
    }

    @Test
    void measuresEditDistance() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
