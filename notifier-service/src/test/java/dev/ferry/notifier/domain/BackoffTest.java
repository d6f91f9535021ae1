package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final ChatFailure down = new ChatFailure(ChatFailure.Kind.UNAVAILABLE, "503");

    @Test
    void doublesUpToTheCeiling() {
        assertThat(backoff.after(1, down)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2, down)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(5, down)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.after(6, down)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(1_000, down)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void waitsExactlyAsLongAsTheServiceAsked() {
        var limited = new ChatFailure(ChatFailure.Kind.RATE_LIMITED, "429", Duration.ofSeconds(45), null);

        assertThat(backoff.after(1, limited)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesACeilingBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("0 < initial <= max");
    }
}
