package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.repo.domain.SplitFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub REST calls for one repository with one token: JSON in and out, GitHub's secondary rate limit waited out
 * (bounded), and a refusal turned into a failure that names the permission the token lacks. The token travels only
 * in the Authorization header; no message here carries it or any request body.
 */
final class GithubCalls {

    /** Waits between attempts; {@code Thread::sleep} outside tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** An answer: its status and its JSON body (a missing node when it has none). */
    record Answer(int status, JsonNode body) {}

    static final int ATTEMPTS = 4;
    private static final String MEDIA_TYPE = "application/vnd.github+json";
    /**
     * The longest wait for a rate limit that Ferry sits out; a longer one fails the step, to be retried later. With
     * {@link #ATTEMPTS} it keeps a step's waiting within three minutes, well inside Kafka's poll interval.
     */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final URI api;
    private final HttpClient http;
    private final Pause pause;
    private final GithubRepository repository;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    GithubCalls(URI api, HttpClient http, Pause pause, GithubRepository repository, String token) {
        this.api = api;
        this.http = http;
        this.pause = pause;
        this.repository = repository;
        this.token = token;
    }

    /**
     * Sends {@code method path} with {@code body} (null for none) and returns the answer; 403 and 401 fail with the
     * {@code permission} named, a rate limit is waited out, and any status outside {@code expected} fails, but for a
     * 404 to a GET, which is an answer (the setting is not there).
     *
     * @param doing what the call does, for messages ("set branch protection on")
     * @param permission what the token needs for it ("Administration: write")
     */
    Answer send(String method, String path, Object body, String doing, String permission, int... expected) {
        return call(method, path, body, MEDIA_TYPE, doing, permission, expected);
    }

    /** A GET answered in the media type {@code accept} (a 200 or a 404), otherwise as {@link #send}. */
    Answer read(String path, String accept, String doing, String permission) {
        return call("GET", path, null, accept, doing, permission, 200);
    }

    private Answer call(
            String method, String path, Object body, String accept, String doing, String permission, int... expected) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(method, path, body, accept, doing);
            Optional<Duration> wait = rateLimitWait(response);
            if (wait.isPresent() && attempt < ATTEMPTS && wait.get().compareTo(LONGEST_WAIT) <= 0) {
                sleep(wait.get());
                continue;
            }
            if (wait.isPresent()) {
                throw new SplitFailure(
                        SplitFailure.Kind.UNREACHABLE,
                        "GitHub's rate limit stopped Ferry's attempts to " + doing + " " + repository + " after "
                                + attempt + " tries; retry the step later");
            }
            return answer(method, response, doing, permission, expected);
        }
    }

    private Answer answer(
            String method, HttpResponse<String> response, String doing, String permission, int... expected) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new SplitFailure(
                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                    "GitHub refused the token to " + doing + " " + repository + " (HTTP " + status
                            + "): the token needs the " + permission + " permission on the repository (a classic token:"
                            + " the repo scope and admin rights on the repository)");
        }
        for (int wanted : expected) {
            if (status == wanted) {
                return new Answer(status, parse(response.body()));
            }
        }
        if (status == 404 && method.equals("GET")) {
            return new Answer(status, parse(""));
        }
        if (status == 404) {
            throw new SplitFailure(
                    SplitFailure.Kind.REPOSITORY_NOT_FOUND,
                    "GitHub answered HTTP 404 to " + doing + " " + repository
                            + ": the repository does not exist, or the token cannot see it");
        }
        String text = response.body() == null ? "" : response.body();
        throw new SplitFailure(
                status == 422 ? SplitFailure.Kind.INVALID_REQUEST : SplitFailure.Kind.UNREACHABLE,
                "GitHub answered HTTP " + status + " to " + doing + " " + repository + ": "
                        + text.substring(0, Math.min(300, text.length())));
    }

    /**
     * How long GitHub asks Ferry to wait: a {@code 429}, or a {@code 403} with {@code Retry-After} (the secondary rate
     * limit) or with no requests left (the primary one, until {@code x-ratelimit-reset}).
     */
    private static Optional<Duration> rateLimitWait(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            String seconds = retryAfter.get().trim();
            // GitHub sends seconds; anything else (an HTTP date, which it does not send) is taken as its minute.
            return Optional.of(
                    seconds.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(seconds)) : Duration.ofMinutes(1));
        }
        boolean exhausted = response.headers()
                .firstValue("x-ratelimit-remaining")
                .map("0"::equals)
                .orElse(false);
        if (status == 429 || exhausted) {
            // GitHub: without a Retry-After, wait at least a minute (or until the reset, for the primary limit).
            return Optional.of(Duration.ofMinutes(1));
        }
        return Optional.empty();
    }

    private HttpResponse<String> exchange(String method, String path, Object body, String accept, String doing) {
        var request = HttpRequest.newBuilder(URI.create(api.toString().replaceFirst("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, publish(json, body))
                .build();
        return send(http, request, api, doing + " " + repository);
    }

    /** Sends a request; a network failure or an interrupt becomes an UNREACHABLE failure saying {@code what}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request, URI api, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SplitFailure(
                    SplitFailure.Kind.UNREACHABLE,
                    "GitHub API at " + api + " unreachable (" + what + "): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SplitFailure(SplitFailure.Kind.UNREACHABLE, "interrupted while calling GitHub", e);
        }
    }

    private void sleep(Duration duration) {
        try {
            pause.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SplitFailure(SplitFailure.Kind.UNREACHABLE, "interrupted while waiting for GitHub", e);
        }
    }

    /** The body as JSON; none for null. */
    static HttpRequest.BodyPublisher publish(ObjectMapper json, Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (IOException e) {
            throw new SplitFailure(SplitFailure.Kind.UNREACHABLE, "GitHub answered with JSON Ferry cannot read", e);
        }
    }
}
