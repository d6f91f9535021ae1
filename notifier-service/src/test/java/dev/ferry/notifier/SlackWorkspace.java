package dev.ferry.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.ferry.notifier.slack.SlackMemory;
import dev.ferry.notifier.slack.SlackStandIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Slack Web API stand-in as the notifier ITs use it: answers chat.postMessage with a fresh ts each time, can go
 * down (503) or rate limit (429) on demand, and lists what was posted, parsed from the exact requests.
 */
final class SlackWorkspace implements AutoCloseable {

    /** One successful call to chat.postMessage or chat.update, as the request sent it. */
    record Posted(String method, String channel, String threadTs, String text, String key, String ts, String auth) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The id Slack answers for any channel posted to by name; chat.update and thread replies must use it. */
    static final String CHANNEL_ID = SlackMemory.CHANNEL_ID;

    final SlackStandIn slack = new SlackStandIn();
    private StubMapping outage;

    SlackWorkspace() {
        for (String method : List.of("chat.postMessage", "conversations.replies", "conversations.history")) {
            slack.server.stubFor(post(urlEqualTo("/api/" + method))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withTransformers(SlackMemory.NAME)));
        }
        slack.answer("chat.update", "{\"ok\":true}");
        slack.answer("auth.test", "{\"ok\":true,\"team\":\"FitSync\",\"user\":\"ferry\"}");
    }

    String apiUrl() {
        return slack.apiUrl();
    }

    /** Every chat call answers {@code status} (with these headers) until {@link #recover()}. */
    void goDown(int status, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withBody("{\"ok\":false}");
        headers.forEach(response::withHeader);
        outage = slack.server.stubFor(post(urlMatching("/api/chat\\..*"))
                .atPriority(1)
                .withId(UUID.randomUUID())
                .willReturn(response));
    }

    void recover() {
        slack.server.removeStub(outage);
        outage = null;
    }

    /** How often the notifier looked for messages it may have posted before (after a crash or a failed save). */
    long lookups() {
        return slack.requests("conversations.replies").size()
                + slack.requests("conversations.history").size();
    }

    /** Calls that failed, e.g. answered by an outage. */
    long failedCalls() {
        return slack.server.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() >= 400)
                .count();
    }

    /** Successful chat.postMessage and chat.update calls, oldest first. */
    List<Posted> posted() {
        return slack.server.getAllServeEvents().reversed().stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .filter(e -> e.getRequest().getUrl().startsWith("/api/chat."))
                .map(SlackWorkspace::parse)
                .toList();
    }

    /** The run's parent messages: posts outside any thread whose text is the grid of this run. */
    List<Posted> parents(String migrationId) {
        return posted().stream()
                .filter(p -> p.method().equals("chat.postMessage") && p.threadTs() == null)
                .filter(p -> p.text().startsWith("*Migration " + migrationId + "*"))
                .toList();
    }

    List<Posted> replies(String threadTs) {
        return posted().stream()
                .filter(p -> p.method().equals("chat.postMessage") && threadTs.equals(p.threadTs()))
                .toList();
    }

    List<Posted> updates(String ts) {
        return posted().stream()
                .filter(p -> p.method().equals("chat.update") && ts.equals(p.ts()))
                .toList();
    }

    List<Posted> alerts(String channel, String migrationId) {
        return posted().stream()
                .filter(p -> p.method().equals("chat.postMessage") && p.threadTs() == null)
                .filter(p -> p.channel().equals(channel) && p.text().contains(migrationId))
                .toList();
    }

    /** True once the run's thread holds every reply, the alerts are out and the grid shows the run ended. */
    boolean showsFinished(RunScript run) {
        var parents = parents(run.migrationId);
        if (parents.isEmpty()) {
            return false;
        }
        String ts = parents.getFirst().ts();
        var updates = updates(ts);
        long keys = replies(ts).stream().map(Posted::key).distinct().count();
        return keys >= RunScript.THREAD_REPLIES
                && alerts("#alerts", run.migrationId).size() >= RunScript.ALERTS
                && !updates.isEmpty()
                && updates.getLast().text().contains("rolled back")
                && updates.getLast().text().contains("· failed");
    }

    private static Posted parse(ServeEvent event) {
        Map<String, String> form = SlackStandIn.form(event.getRequest());
        String method = event.getRequest().getUrl().substring("/api/".length());
        String ts = method.equals("chat.update") ? form.get("ts") : ts(event);
        return new Posted(
                method,
                form.get("channel"),
                form.get("thread_ts"),
                form.get("text"),
                key(form.get("metadata")),
                ts,
                event.getRequest().getHeader("Authorization"));
    }

    private static String ts(ServeEvent event) {
        try {
            return JSON.readTree(event.getResponse().getBodyAsString())
                    .path("ts")
                    .asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(metadata);
            return node.path("event_payload").path("key").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        slack.close();
    }
}
