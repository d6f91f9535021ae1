package dev.ferry.build.job.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * GitHub REST calls about one repository with one token. What no caller can answer is turned into a
 * {@link BuildFailure} here: a refused token (permanent, naming the repository and the permissions it needs), a rate
 * limit, a server error or no answer at all (retryable). Every other status is the caller's to read. The token travels
 * only in the Authorization header; no message here carries it or a request body.
 */
final class GithubRest {

    /** An answer: its status and its JSON body (a missing node when it has none). */
    record Answer(int status, JsonNode body) {

        /** GitHub's own explanation of a refusal, for a person to read. */
        String message() {
            return body.path("message").asText("(no message)");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI api;
    private final String repository;
    private final String token;
    private final Duration timeout;

    /**
     * @param api the REST root: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise
     * @param repository {@code owner/name}
     */
    GithubRest(HttpClient http, URI api, String repository, String token, Duration timeout) {
        this.http = http;
        this.api = api;
        this.repository = repository;
        this.token = token;
        this.timeout = timeout;
    }

    String repository() {
        return repository;
    }

    /** {@code GET /repos/{owner}/{name}{path}}; {@code doing} says what for, in messages ("read ... of"). */
    Answer get(String path, String doing) {
        return call("GET", path, null, doing);
    }

    /** {@code POST /repos/{owner}/{name}{path}} with {@code body} as JSON (null for none). */
    Answer post(String path, Object body, String doing) {
        return call("POST", path, body, doing);
    }

    /** A path segment or query value, encoded. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer call(String method, String path, Object body, String doing) {
        var request = HttpRequest.newBuilder(
                        URI.create(api.toString().replaceFirst("/$", "") + "/repos/" + repository + path))
                .timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : json(body))
                .build();
        HttpResponse<String> response = exchange(request, doing);
        int status = response.statusCode();
        if (status == 429 || (status == 403 && rateLimited(response))) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "GitHub's rate limit stopped Ferry's attempt to " + doing + " " + repository
                            + "; retry the step later",
                    null);
        }
        if (status == 401 || status == 403) {
            throw BuildFailure.permanent(
                    FailureKind.AUTHENTICATION,
                    "GitHub refused Ferry's token to " + doing + " " + repository + " (HTTP " + status
                            + "): the token (ferry.build.jobs.github-actions.token-ref) needs the Actions: write and"
                            + " Contents: read permissions on the repository (a classic token: the repo and workflow"
                            + " scopes)");
        }
        if (status >= 500) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "GitHub answered HTTP " + status + " to " + doing + " " + repository + "; retry the step later",
                    null);
        }
        return new Answer(status, parse(response.body(), doing));
    }

    private HttpResponse<String> exchange(HttpRequest request, String doing) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "GitHub API at " + api + " unreachable to " + doing + " " + repository + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildFailure.retryable(FailureKind.UNREACHABLE, "interrupted while calling GitHub", e);
        }
    }

    /** GitHub's secondary limit says Retry-After; its primary one leaves no requests. */
    private static boolean rateLimited(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").isPresent()
                || response.headers()
                        .firstValue("x-ratelimit-remaining")
                        .map("0"::equals)
                        .orElse(false);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException("a request body of maps and strings is always JSON", e);
        }
    }

    private JsonNode parse(String body, String doing) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "GitHub answered Ferry's attempt to " + doing + " " + repository + " with text that is not JSON",
                    e);
        }
    }
}
