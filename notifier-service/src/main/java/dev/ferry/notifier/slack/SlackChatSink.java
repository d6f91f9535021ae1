package dev.ferry.notifier.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack through its Web API with the official SDK: {@code chat.postMessage} for parents, replies (with
 * {@code thread_ts}) and alerts, {@code chat.update} for the live grid. Every message carries its key as message
 * metadata, which lets {@link #findPosted} recognise a message posted just before a crash.
 */
public final class SlackChatSink implements ChatSink {

    /** Message metadata event type of Ferry's messages. */
    static final String METADATA_EVENT = "ferry_notification";

    static final String METADATA_KEY = "key";

    /** Errors that mean the token is wrong, not the message: retried until an operator fixes the token. */
    private static final Set<String> AUTH_ERRORS =
            Set.of("not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission");

    /** Errors Slack documents as transient. */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final MethodsClient methods;

    public SlackChatSink(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        var response = call(
                "chat.postMessage",
                () -> methods.chatPostMessage(r -> r.channel(channel).text(text).metadata(metadata(key))));
        return new MessageRef(response.getChannel() == null ? channel : response.getChannel(), response.getTs());
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        var response = call(
                "chat.postMessage",
                () -> methods.chatPostMessage(r -> r.channel(parent.channel())
                        .threadTs(parent.ts())
                        .text(text)
                        .metadata(metadata(key))));
        return new MessageRef(parent.channel(), response.getTs());
    }

    @Override
    public void update(MessageRef message, String text) {
        call(
                "chat.update",
                () -> methods.chatUpdate(
                        r -> r.channel(message.channel()).ts(message.ts()).text(text)));
    }

    @Override
    public Optional<MessageRef> findPosted(String channel, MessageRef thread, String key) {
        List<Message> messages = thread == null
                ? call(
                                "conversations.history",
                                () -> methods.conversationsHistory(
                                        r -> r.channel(channel).limit(200).includeAllMetadata(true)))
                        .getMessages()
                : call(
                                "conversations.replies",
                                () -> methods.conversationsReplies(r -> r.channel(thread.channel())
                                        .ts(thread.ts())
                                        .limit(1000)
                                        .includeAllMetadata(true)))
                        .getMessages();
        String inChannel = thread == null ? channel : thread.channel();
        return messages == null
                ? Optional.empty()
                : messages.stream()
                        .filter(m -> carriesKey(m, key))
                        .findFirst()
                        .map(m -> new MessageRef(inChannel, m.getTs()));
    }

    @Override
    public String describe() {
        return "slack-web-api";
    }

    private static boolean carriesKey(Message message, String key) {
        Message.Metadata metadata = message.getMetadata();
        return metadata != null
                && METADATA_EVENT.equals(metadata.getEventType())
                && metadata.getEventPayload() != null
                && key.equals(metadata.getEventPayload().get(METADATA_KEY));
    }

    private static Message.Metadata metadata(String key) {
        return Message.Metadata.builder()
                .eventType(METADATA_EVENT)
                .eventPayload(Map.of(METADATA_KEY, key))
                .build();
    }

    private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            throw SlackFailures.fromHttp(method, e);
        } catch (IOException e) {
            throw new ChatFailure(
                    ChatFailure.Kind.UNAVAILABLE,
                    "Slack " + method + " did not answer: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    null,
                    e);
        }
        if (!response.isOk()) {
            throw fromError(method, response.getError());
        }
        return response;
    }

    static ChatFailure fromError(String method, String error) {
        ChatFailure.Kind kind = AUTH_ERRORS.contains(error)
                ? ChatFailure.Kind.UNAUTHORIZED
                : TRANSIENT_ERRORS.contains(error) ? ChatFailure.Kind.UNAVAILABLE : ChatFailure.Kind.REJECTED;
        return new ChatFailure(kind, "Slack " + method + " answered error " + error);
    }

    @FunctionalInterface
    interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }
}
