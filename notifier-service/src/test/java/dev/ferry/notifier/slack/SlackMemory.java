package dev.ferry.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the stand-in remember what was posted, as Slack does: chat.postMessage answers a fresh ts and stores the
 * message with its metadata; conversations.replies and conversations.history answer from what is stored. Applied to
 * stubs that name it, so an outage stub answers without storing anything.
 */
public final class SlackMemory implements ResponseTransformerV2 {

    public static final String NAME = "slack-memory";

    /** The channel id Slack answers for any channel posted to by name. */
    public static final String CHANNEL_ID = "C0FERRY01";

    private record Stored(String ts, String threadTs, String text, String metadata) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Stored> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_700_000_000L);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Map<String, String> form = SlackStandIn.form(serveEvent.getRequest());
        String url = serveEvent.getRequest().getUrl();
        ObjectNode body = JSON.createObjectNode().put("ok", true);
        if (url.endsWith("/chat.postMessage")) {
            String ts = clock.incrementAndGet() + ".000100";
            messages.add(new Stored(ts, form.get("thread_ts"), form.get("text"), form.get("metadata")));
            body.put("channel", CHANNEL_ID).put("ts", ts);
        } else {
            String thread = url.endsWith("/conversations.replies") ? form.get("ts") : null;
            ArrayNode list = body.putArray("messages");
            messages.stream()
                    .filter(m -> thread == null
                            ? m.threadTs() == null
                            : thread.equals(m.threadTs()) || thread.equals(m.ts()))
                    .forEach(m -> list.add(json(m)));
        }
        return Response.Builder.like(response).but().body(body.toString()).build();
    }

    private static ObjectNode json(Stored m) {
        ObjectNode node =
                JSON.createObjectNode().put("type", "message").put("ts", m.ts()).put("text", m.text());
        if (m.threadTs() != null) {
            node.put("thread_ts", m.threadTs());
        }
        if (m.metadata() != null) {
            try {
                node.set("metadata", JSON.readTree(m.metadata()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the notifier sent metadata that is not JSON: " + m.metadata(), e);
            }
        }
        return node;
    }
}
