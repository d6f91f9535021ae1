package dev.ferry.notifier.dispatch;

import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A chat in memory: records every call, can fail the next calls, and remembers messages by key. */
final class FakeSink implements ChatSink {

    record Call(String method, String channel, String threadTs, String text, String key) {}

    final List<Call> calls = new ArrayList<>();
    final Map<String, MessageRef> byKey = new LinkedHashMap<>();
    private final Deque<ChatFailure> failures = new ArrayDeque<>();
    private final java.util.Set<String> refused = new java.util.HashSet<>();
    private int ts;

    void failNext(ChatFailure failure) {
        failures.add(failure);
    }

    /** Every post into this channel is refused for good, as Slack does for channel_not_found. */
    void refuse(String channel) {
        refused.add(channel);
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        maybeFail();
        if (refused.contains(channel)) {
            throw new ChatFailure(ChatFailure.Kind.REJECTED, "channel_not_found");
        }
        calls.add(new Call("post", channel, null, text, key));
        return remember(key, new MessageRef(channel, "100." + (++ts)));
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        maybeFail();
        calls.add(new Call("reply", parent.channel(), parent.ts(), text, key));
        return remember(key, new MessageRef(parent.channel(), "100." + (++ts)));
    }

    @Override
    public void update(MessageRef message, String text) {
        maybeFail();
        calls.add(new Call("update", message.channel(), message.ts(), text, null));
    }

    @Override
    public Optional<MessageRef> findPosted(String channel, MessageRef thread, String key) {
        calls.add(new Call("find", channel, thread == null ? null : thread.ts(), null, key));
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public String describe() {
        return "fake";
    }

    List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    private MessageRef remember(String key, MessageRef ref) {
        byKey.put(key, ref);
        return ref;
    }

    private void maybeFail() {
        ChatFailure failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }
}
