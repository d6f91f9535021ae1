package dev.ferry.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.MessageRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackChatSinkTest {

    private static final String TOKEN = "xoxb-test-token";
    private static final String METADATA = "{\"event_type\":\"ferry_notification\",\"event_payload\":{\"key\":\"%s\"}}";

    /** Flags the SDK sends with every chat.postMessage; part of the exact request Slack receives. */
    private static final Map<String, String> POST_DEFAULTS =
            Map.of("link_names", "0", "mrkdwn", "1", "unfurl_links", "0", "unfurl_media", "0", "reply_broadcast", "0");

    private final SlackStandIn slack = new SlackStandIn();
    private final SlackChatSink sink =
            new SlackChatSink(slackClient(slack.apiUrl(), 10_000).methods(TOKEN));

    static Slack slackClient(String apiUrl, int readTimeoutMillis) {
        var config = new SlackConfig();
        config.setStatsEnabled(false);
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setHttpClientReadTimeoutMillis(readTimeoutMillis);
        return Slack.getInstance(config);
    }

    private static Map<String, String> with(Map<String, String> defaults, Map<String, String> fields) {
        var all = new java.util.HashMap<>(defaults);
        all.putAll(fields);
        return all;
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsAParentWithChatPostMessage() {
        slack.answer("chat.postMessage", "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000100\"}");

        MessageRef parent = sink.post("#migrations", "*Migration m-1*", "run:m-1");

        assertThat(parent).isEqualTo(new MessageRef("C123", "1700000000.000100"));
        var request = slack.requests("chat.postMessage").getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SlackStandIn.form(request))
                .containsExactlyInAnyOrderEntriesOf(with(
                        POST_DEFAULTS,
                        Map.of(
                                "channel", "#migrations",
                                "text", "*Migration m-1*",
                                "metadata", METADATA.formatted("run:m-1"))));
    }

    @Test
    void repliesIntoTheThreadWithThreadTs() {
        slack.answer("chat.postMessage", "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000200\"}");

        sink.reply(new MessageRef("C123", "1700000000.000100"), "Phase *split* started", "e1#0");

        assertThat(SlackStandIn.form(slack.requests("chat.postMessage").getFirst()))
                .containsExactlyInAnyOrderEntriesOf(with(
                        POST_DEFAULTS,
                        Map.of(
                                "channel", "C123",
                                "thread_ts", "1700000000.000100",
                                "text", "Phase *split* started",
                                "metadata", METADATA.formatted("e1#0"))));
    }

    @Test
    void updatesTheGridWithChatUpdate() {
        slack.answer("chat.update", "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000100\"}");

        sink.update(new MessageRef("C123", "1700000000.000100"), "grid v2");

        var request = slack.requests("chat.update").getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SlackStandIn.form(request))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("channel", "C123", "ts", "1700000000.000100", "text", "grid v2", "link_names", "0"));
    }

    @Test
    void aRateLimitCarriesTheWaitFromRetryAfter() {
        slack.answerStatus("chat.postMessage", 429, Map.of("Retry-After", "7"));

        assertThatThrownBy(() -> sink.post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.RATE_LIMITED);
            assertThat(f.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void aServerErrorIsWorthRetrying() {
        slack.answerStatus("chat.postMessage", 503, Map.of());

        assertThatThrownBy(() -> sink.post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.UNAVAILABLE);
            assertThat(f.getMessage()).isEqualTo("Slack chat.postMessage answered HTTP 503");
        });
    }

    @Test
    void aTimeoutIsWorthRetrying() {
        slack.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/chat.postMessage"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFixedDelay(3_000)
                        .withBody("{\"ok\":true,\"ts\":\"1.0\"}")));
        var impatient = new SlackChatSink(slackClient(slack.apiUrl(), 200).methods(TOKEN));

        assertThatThrownBy(() -> impatient.post("#m", "x", "k"))
                .isInstanceOfSatisfying(
                        ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(ChatFailure.Kind.UNAVAILABLE));
    }

    @Test
    void anInvalidTokenIsAnAuthorisationFailureThatNamesNoToken() {
        slack.answer("chat.postMessage", "{\"ok\":false,\"error\":\"invalid_auth\"}");

        assertThatThrownBy(() -> sink.post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.UNAUTHORIZED);
            assertThat(f.retryable()).isTrue();
            assertThat(f.getMessage()).doesNotContain(TOKEN);
        });
    }

    @Test
    void anUnknownChannelIsRefusedForGood() {
        slack.answer("chat.postMessage", "{\"ok\":false,\"error\":\"channel_not_found\"}");

        assertThatThrownBy(() -> sink.post("#nope", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.REJECTED);
            assertThat(f.getMessage()).isEqualTo("Slack chat.postMessage answered error channel_not_found");
        });
    }

    @Test
    void findsAReplyPostedBeforeACrashByItsMetadata() {
        slack.answer("conversations.replies", """
                {"ok":true,"messages":[
                  {"type":"message","ts":"1.0","text":"grid"},
                  {"type":"message","ts":"1.5","text":"other",
                   "metadata":{"event_type":"ferry_notification","event_payload":{"key":"e0#0"}}},
                  {"type":"message","ts":"2.0","text":"reply",
                   "metadata":{"event_type":"ferry_notification","event_payload":{"key":"e1#0"}}}]}""");

        var found = sink.findPosted("C123", new MessageRef("C123", "1.0"), "e1#0");
        var missing = sink.findPosted("C123", new MessageRef("C123", "1.0"), "e9#0");

        assertThat(found).contains(new MessageRef("C123", "2.0"));
        assertThat(missing).isEmpty();
        assertThat(SlackStandIn.form(slack.requests("conversations.replies").getFirst()))
                .containsEntry("channel", "C123")
                .containsEntry("ts", "1.0")
                .containsEntry("include_all_metadata", "1");
    }

    @Test
    void findsAParentPostedBeforeACrashInTheChannelHistory() {
        slack.answer("conversations.history", """
                {"ok":true,"messages":[
                  {"type":"message","ts":"3.0","text":"grid",
                   "metadata":{"event_type":"ferry_notification","event_payload":{"key":"run:m-1"}}}]}""");

        assertThat(sink.findPosted("C123", null, "run:m-1")).contains(new MessageRef("C123", "3.0"));
    }
}
