package dev.ferry.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook for chat tools other than Slack: each message is one POST of
 * {@code {"kind","channel","thread","key","text"}}. {@code kind} is post, reply or update, so a receiver that can edit
 * or thread messages may; {@code key} lets it drop a message it has seen.
 */
public final class JsonWebhookSink implements ChatSink {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI url;
    private final ObjectMapper json;

    public JsonWebhookSink(HttpClient http, URI url, ObjectMapper json) {
        this.http = http;
        this.url = url;
        this.json = json;
    }

    @Override
    public MessageRef post(String channel, String text, String key) {
        send("post", channel, null, key, text);
        return new MessageRef(channel, key);
    }

    @Override
    public MessageRef reply(MessageRef parent, String text, String key) {
        send("reply", parent.channel(), parent.ts(), key, text);
        return new MessageRef(parent.channel(), key);
    }

    @Override
    public void update(MessageRef message, String text) {
        send("update", message.channel(), null, message.ts(), text);
    }

    @Override
    public String describe() {
        return "json-webhook";
    }

    private void send(String kind, String channel, String thread, String key, String text) {
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", kind);
        body.put("channel", channel);
        body.put("thread", thread);
        body.put("key", key);
        body.put("text", text);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            HttpAnswers.check(
                    "JSON webhook", response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            // Only the exception's type: its message may name the URL, which is a secret.
            throw new ChatFailure(
                    ChatFailure.Kind.UNAVAILABLE,
                    "JSON webhook did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure(ChatFailure.Kind.UNAVAILABLE, "interrupted while calling the JSON webhook");
        }
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook message as JSON", e);
        }
    }
}
