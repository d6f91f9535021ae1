package dev.ferry.notifier.webhook;

import com.slack.api.Slack;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.io.IOException;

/**
 * A Slack incoming webhook, through the SDK. A webhook can only post into its one channel: no threads and no edits,
 * so replies arrive as plain messages and the grid is posted once, when the run's first message goes out.
 */
public final class SlackWebhookSink implements ChatSink {

    private final Slack slack;
    private final String url;

    public SlackWebhookSink(Slack slack, String url) {
        this.slack = slack;
        this.url = url;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        send(text);
        return new MessageRef(channel, key);
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        send(text);
        return new MessageRef(parent.channel(), key);
    }

    @Override
    public void update(MessageRef message, String text) {
        // An incoming webhook cannot edit what it posted.
    }

    @Override
    public String describe() {
        return "slack-incoming-webhook";
    }

    private void send(String text) {
        WebhookResponse response;
        try {
            response = slack.send(url, Payload.builder().text(text).build());
        } catch (IOException e) {
            // The exception's message may hold the URL, which is a secret: only its type is kept.
            throw new ChatFailure(
                    ChatFailure.Kind.UNAVAILABLE,
                    "Slack incoming webhook did not answer: " + e.getClass().getSimpleName(),
                    null,
                    null);
        }
        HttpAnswers.check(
                "Slack incoming webhook",
                response.getCode(),
                response.getHeaders() == null ? java.util.Map.of() : response.getHeaders(),
                response.getBody());
    }
}
