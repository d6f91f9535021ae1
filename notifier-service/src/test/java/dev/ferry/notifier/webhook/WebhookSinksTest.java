package dev.ferry.notifier.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ferry.notifier.domain.ChatFailure;
import dev.ferry.notifier.domain.MessageRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinksTest {

    private static final String HOOK_PATH = "/services/T000/B000/secret-part";

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SlackWebhookSink slackHook() {
        var config = new SlackConfig();
        config.setStatsEnabled(false);
        return new SlackWebhookSink(Slack.getInstance(config), server.baseUrl() + HOOK_PATH);
    }

    private JsonWebhookSink jsonHook() {
        return new JsonWebhookSink(
                HttpClient.newHttpClient(), URI.create(server.baseUrl() + "/hook"), new ObjectMapper());
    }

    @Test
    void slackIncomingWebhookPostsTheTextThroughTheSdk() {
        server.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withBody("ok")));

        slackHook().reply(new MessageRef("#m", "run:m-1"), "Phase *split* started", "e1#0");

        server.verify(
                1,
                postRequestedFor(urlEqualTo(HOOK_PATH))
                        .withRequestBody(equalToJson("{\"text\":\"Phase *split* started\"}")));
    }

    @Test
    void slackIncomingWebhookRateLimitWaitsAsToldAndNamesNoUrl() {
        server.stubFor(post(urlEqualTo(HOOK_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

        assertThatThrownBy(() -> slackHook().post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.RATE_LIMITED);
            assertThat(f.retryAfter()).contains(Duration.ofSeconds(3));
            assertThat(f.getMessage()).doesNotContain("secret-part");
        });
    }

    @Test
    void jsonWebhookSendsKindChannelThreadKeyAndText() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

        jsonHook().reply(new MessageRef("#m", "run:m-1"), "Phase *split* started", "e1#0");
        jsonHook().update(new MessageRef("#m", "run:m-1"), "grid");

        server.verify(postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json"))
                .withRequestBody(
                        equalToJson("{\"kind\":\"reply\",\"channel\":\"#m\",\"thread\":\"run:m-1\",\"key\":\"e1#0\","
                                + "\"text\":\"Phase *split* started\"}")));
        server.verify(
                postRequestedFor(urlEqualTo("/hook"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"kind\":\"update\",\"channel\":\"#m\",\"thread\":null,\"key\":\"run:m-1\",\"text\":\"grid\"}")));
    }

    @Test
    void jsonWebhookServerErrorIsRetryableAndClientErrorIsNot() {
        server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> jsonHook().post("#m", "x", "k"))
                .isInstanceOfSatisfying(
                        ChatFailure.class, f -> assertThat(f.retryable()).isTrue());

        server.stubFor(
                post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(400).withBody("bad channel")));
        assertThatThrownBy(() -> jsonHook().post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.getMessage()).isEqualTo("JSON webhook answered HTTP 400: bad channel");
        });
    }

    @Test
    void anUnreachableWebhookIsRetryableAndItsUrlIsNotInTheMessage() {
        int port = server.port();
        server.stop();
        var sink = new JsonWebhookSink(
                HttpClient.newHttpClient(),
                URI.create("http://localhost:" + port + "/hook?token=secret-part"),
                new ObjectMapper());

        assertThatThrownBy(() -> sink.post("#m", "x", "k")).isInstanceOfSatisfying(ChatFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(ChatFailure.Kind.UNAVAILABLE);
            assertThat(f.getMessage()).doesNotContain("secret-part").doesNotContain("localhost");
        });
    }
}
