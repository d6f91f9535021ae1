package dev.ferry.deploy.traffic.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.domain.Redaction;
import dev.ferry.deploy.traffic.Metrics;
import dev.ferry.deploy.traffic.MetricsFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Metrics} on Prometheus's HTTP API: an instant query ({@code GET /api/v1/query}) whose vector or scalar result
 * becomes one number per series. A refused query (HTTP 400 or 422 with {@code status: error}) is {@link
 * MetricsFailure.Rejected} with Prometheus's own error; no connection, a timeout or a server error is {@link
 * MetricsFailure.Unreachable}, since asking again later may work.
 */
public final class PrometheusMetrics implements Metrics {

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusMetrics(URI base, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<Double> query(String promql) {
        URI uri = base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        JsonNode body = parse(response);
        if (!"success".equals(body.path("status").asText())) {
            String error = body.path("errorType").asText("error") + ": "
                    + body.path("error").asText("(no message)");
            if (response.statusCode() == 400 || response.statusCode() == 422) {
                throw new MetricsFailure.Rejected(error);
            }
            throw new MetricsFailure.Unreachable(
                    where() + " answered HTTP " + response.statusCode() + ", " + error, null);
        }
        return values(body.path("data"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MetricsFailure.Unreachable(where() + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsFailure.Unreachable("interrupted while asking " + where(), e);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new MetricsFailure.Unreachable(
                    where() + " answered HTTP " + response.statusCode() + " with a body that is not Prometheus's JSON",
                    e);
        }
    }

    /** A vector gives one value per series; a scalar one value; a sample value is {@code [time, "text"]}. */
    private static List<Double> values(JsonNode data) {
        var values = new ArrayList<Double>();
        switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").forEach(series -> values.add(number(series.path("value"))));
            case "scalar" -> values.add(number(data.path("result")));
            default ->
                throw new MetricsFailure.Rejected(
                        "the query returns a " + data.path("resultType").asText()
                                + ", not an instant vector or scalar; write a query with one value per series");
        }
        return values;
    }

    private static double number(JsonNode sample) {
        String text = sample.path(1).asText();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private String where() {
        return "Prometheus at " + Redaction.redact(base.toString());
    }
}
