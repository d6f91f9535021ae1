package dev.ferry.notifier.domain;

import java.util.Optional;

/**
 * Where notifications go: Slack's Web API, an incoming webhook, a generic JSON webhook or the console. Every call
 * either succeeds or throws {@link ChatFailure} saying whether trying again can help.
 */
public interface ChatSink {

    /** Posts a message of its own into a channel; {@code key} identifies it for {@link #findPosted}. */
    MessageRef post(String channel, String text, String key);

    /** Posts a reply into the thread under {@code parent}. */
    MessageRef reply(MessageRef parent, String text, String key);

    /** Replaces the text of a message posted earlier; sinks that cannot edit post nothing. */
    void update(MessageRef message, String text);

    /**
     * The message posted earlier with {@code key} into the channel (or into {@code thread}, when not null), if the sink
     * can tell; used after a restart for the one message that may have been posted just before the crash.
     */
    default Optional<MessageRef> findPosted(String channel, MessageRef thread, String key) {
        return Optional.empty();
    }

    /** What kind of sink this is, for logs; never a token or a URL. */
    String describe();
}
