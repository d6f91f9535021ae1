package dev.ferry.deploy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.domain.check.SmokeProbe;
import dev.ferry.plan.action.SmokeCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Smoke checks over {@link HttpClient}: sends the check's request, keeps the start of the body for the report, and
 * matches the body against the check's text or JSON path ({@code $.a.b[0].c}).
 */
public final class HttpSmokeProbe implements SmokeProbe {

    private static final int REPORTED_BODY = 200;
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");

    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Answer ask(SmokeCheck check, String url, Duration timeout) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .method(check.method(), HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body();
            return new Answer(response.statusCode(), excerpt(body), matches(check, body));
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(
                    0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", false);
        }
    }

    private boolean matches(SmokeCheck check, String body) {
        if (check.contains().isPresent()) {
            return body.contains(check.contains().get());
        }
        if (check.jsonPath().isPresent()) {
            return valueAt(body, check.jsonPath().get())
                    .map(v -> v.equals(check.jsonValue().orElse("")))
                    .orElse(false);
        }
        return true;
    }

    /** The text of the value at a path such as {@code $.status} or {@code $.checks[0].state}; empty when none. */
    private Optional<String> valueAt(String body, String path) {
        try {
            JsonNode node = json.readTree(body);
            Matcher step = STEP.matcher(path.substring(1));
            while (node != null && step.find()) {
                node = step.group(1) != null ? node.get(step.group(1)) : node.get(Integer.parseInt(step.group(2)));
            }
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node.asText());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= REPORTED_BODY ? oneLine : oneLine.substring(0, REPORTED_BODY) + "...";
    }
}
