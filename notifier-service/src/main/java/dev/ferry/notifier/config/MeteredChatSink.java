package dev.ferry.notifier.config;

import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts the chat's refusals by kind ({@code ferry_chat_failures_total{kind}}), rate limits among them: a notifier
 * that Slack keeps asking to slow down falls behind the runs it reports, and the count says so before people notice.
 */
final class MeteredChatSink implements ChatSink {

    private final ChatSink sink;
    private final MeterRegistry registry;

    MeteredChatSink(ChatSink sink, MeterRegistry registry) {
        this.sink = sink;
        this.registry = registry;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        return counted(() -> sink.post(channel, text, key));
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        return counted(() -> sink.reply(parent, text, key));
    }

    @Override
    public void update(MessageRef message, String text) {
        counted(() -> {
            sink.update(message, text);
            return null;
        });
    }

    @Override
    public Optional<MessageRef> findPosted(String channel, MessageRef thread, String key) {
        return counted(() -> sink.findPosted(channel, thread, key));
    }

    @Override
    public String describe() {
        return sink.describe();
    }

    private <T> T counted(Supplier<T> call) {
        try {
            return call.get();
        } catch (ChatFailure failure) {
            Counter.builder("ferry.chat.failures")
                    .description("calls the chat refused or failed, by kind (RATE_LIMITED: asked to slow down)")
                    .tag("kind", failure.kind().name())
                    .register(registry)
                    .increment();
            throw failure;
        }
    }
}
