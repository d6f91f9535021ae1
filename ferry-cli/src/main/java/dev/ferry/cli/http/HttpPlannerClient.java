package dev.ferry.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.status.MigrationStatus;
import dev.ferry.cli.status.PlannerClient;
import dev.ferry.cli.status.RunPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** {@link PlannerClient} over the JDK's HTTP client: JSON with Jackson, the change stream as Server-Sent Events. */
public final class HttpPlannerClient implements PlannerClient {

    /** Name of the SSE events that carry a MigrationStatus. */
    static final String STATUS_EVENT = "migration";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** --version must not keep anyone waiting for a planner that is not there. */
    private static final Duration VERSION_TIMEOUT = Duration.ofMillis(700);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A state a newer planner added reads as null, which the model turns into UNKNOWN.
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    private final URI base;
    private final HttpClient http;
    private final String token;

    private HttpPlannerClient(URI base) {
        this(base, null);
    }

    private HttpPlannerClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** @param base the planner's root, e.g. http://localhost:8080 */
    public static HttpPlannerClient at(URI base) {
        return new HttpPlannerClient(base);
    }

    @Override
    public PlannerClient withToken(String bearer) {
        return bearer == null ? this : new HttpPlannerClient(base, bearer);
    }

    @Override
    public List<MigrationStatus> migrations() {
        return parse(get("/migrations"), new TypeReference<List<MigrationStatus>>() {}, "/migrations");
    }

    @Override
    public Optional<String> version() {
        HttpRequest request = HttpRequest.newBuilder(uri("/version"))
                .header("Accept", "application/json")
                .timeout(VERSION_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()).path("planner").asText())
                            .filter(version -> !version.isBlank())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public MigrationStatus migration(String id) {
        String path = "/migrations/" + encode(id);
        return parse(get(path), new TypeReference<MigrationStatus>() {}, path);
    }

    @Override
    public RunPlan plan(String id) {
        String path = "/migrations/" + encode(id) + "/plan";
        return parse(get(path), new TypeReference<RunPlan>() {}, path);
    }

    @Override
    public void follow(String id, Consumer<MigrationStatus> listener) {
        String path = "/migrations/" + encode(id) + "/events";
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines(), path);
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(path, response.statusCode(), String.join("\n", lines.toList()));
            }
            var events = new ServerSentEvents();
            lines.forEach(line -> events.accept(line)
                    .filter(event -> event.name().equals(STATUS_EVENT))
                    .map(event -> parse(event.data(), new TypeReference<MigrationStatus>() {}, path))
                    .ifPresent(listener));
        } catch (UncheckedIOException e) {
            // The planner went away mid-stream; the caller decides whether to reconnect.
        }
    }

    private String get(String path) {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)))
                .header("Accept", "application/json")
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(), path);
        if (response.statusCode() != 200) {
            throw failure(path, response.statusCode(), response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String path) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer to " + path + " in time", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while asking the planner at " + base, e);
        }
    }

    private <T> T parse(String body, TypeReference<T> type, String path) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CliFailure(
                    "the planner at " + base + " answered " + path + " with JSON this CLI cannot read ("
                            + e.getOriginalMessage() + "): are the planner and the CLI the same version?",
                    e);
        }
    }

    private CliFailure failure(String path, int status, String body) {
        String error = errorText(body);
        if (status == 404) {
            return new CliFailure("the planner at " + base + " has no " + path + (error.isEmpty() ? "" : ": " + error)
                    + " (list runs with `ferry status`)");
        }
        return new CliFailure("the planner at " + base + " answered " + path + " with HTTP " + status
                + (error.isEmpty() ? "" : ": " + error));
    }

    /** The {@code error} field of the planner's JSON error body, else the body's start. */
    private static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (JsonProcessingException notJson) {
            // Shown as it came, below.
        }
        return body.length() > 200 ? body.substring(0, 200) + " ..." : body.strip();
    }

    private CliFailure unreachable(String why, Exception cause) {
        return new CliFailure(
                "cannot reach the planner at " + base + " (" + why + "): is planner-service running?"
                        + " Set --planner-url or FERRY_PLANNER_URL",
                cause);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
