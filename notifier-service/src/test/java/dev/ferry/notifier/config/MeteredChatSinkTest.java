package dev.ferry.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The chat's refusals reach the notifier's metrics by kind, and still reach the courier that retries them. */
class MeteredChatSinkTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void rateLimitsAreCountedAndStillThrown() {
        var limited = new ChatFailure(ChatFailure.Kind.RATE_LIMITED, "slow down", Duration.ofSeconds(7), null);
        var sink = new MeteredChatSink(refusing(limited), registry);

        assertThatThrownBy(() -> sink.post("#migrations", "text", "k1")).isSameAs(limited);
        assertThatThrownBy(() -> sink.update(new MessageRef("#migrations", "1.0"), "text"))
                .isSameAs(limited);

        assertThat(registry.get("ferry.chat.failures")
                        .tag("kind", "RATE_LIMITED")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    private static ChatSink refusing(ChatFailure failure) {
        return new ChatSink() {
            @Override
            public MessageRef post(String channel, String text, String key) {
                throw failure;
            }

            @Override
            public MessageRef reply(MessageRef parent, String text, String key) {
                throw failure;
            }

            @Override
            public void update(MessageRef message, String text) {
                throw failure;
            }

            @Override
            public String describe() {
                return "refusing";
            }
        };
    }
}
