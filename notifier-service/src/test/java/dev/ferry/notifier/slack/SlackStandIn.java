package dev.ferry.notifier.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A local HTTP stand-in for Slack's Web API: answers as Slack does and keeps every request for assertions. */
public final class SlackStandIn implements AutoCloseable {

    public final WireMockServer server;

    public SlackStandIn() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new SlackMemory()));
        server.start();
    }

    /** The address to give the SDK as its methods endpoint prefix. */
    public String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    public void answer(String method, String json) {
        server.stubFor(post(urlEqualTo("/api/" + method))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(json)));
    }

    public void answerStatus(String method, int status, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withBody("{\"ok\":false}");
        headers.forEach(response::withHeader);
        server.stubFor(post(urlEqualTo("/api/" + method)).willReturn(response));
    }

    /** Requests made to one Web API method, in order. */
    public List<LoggedRequest> requests(String method) {
        return server.getAllServeEvents().reversed().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getUrl().equals("/api/" + method))
                .toList();
    }

    /** A form-encoded request body as name to value. */
    public static Map<String, String> form(LoggedRequest request) {
        var form = new LinkedHashMap<String, String>();
        for (String pair : request.getBodyAsString().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return form;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
