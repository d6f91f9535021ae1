package dev.ferry.notifier.config;

import dev.ferry.contracts.Redaction;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.util.Optional;

/**
 * Every sink's text goes through {@link Redaction} on its way out: a message quotes step errors and results, which
 * come from workers and must not carry a credential into a chat channel, whatever sink is configured.
 */
final class RedactingChatSink implements ChatSink {
    private final ChatSink sink;

    RedactingChatSink(ChatSink sink) {
        this.sink = sink;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        return sink.post(channel, Redaction.redact(text), key);
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        return sink.reply(parent, Redaction.redact(text), key);
    }

    @Override
    public void update(MessageRef message, String text) {
        sink.update(message, Redaction.redact(text));
    }

    @Override
    public Optional<MessageRef> findPosted(String channel, MessageRef thread, String key) {
        return sink.findPosted(channel, thread, key);
    }

    @Override
    public String describe() {
        return sink.describe();
    }
}
