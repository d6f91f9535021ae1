package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.repo.domain.SplitFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three GitHub REST calls a migration needs: does a repository exist, create it in its organisation with the plan's
 * visibility, and set its default branch or archive it. GitHub's API is plain JSON over HTTPS and these calls are all
 * Ferry uses, so the JDK's client is enough; the token travels only in the Authorization header.
 */
public final class GithubRepositories {

    private static final String MEDIA_TYPE = "application/vnd.github+json";

    private final URI api;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param api the REST root, {@code https://api.github.com} or a GitHub Enterprise {@code https://host/api/v3} */
    public GithubRepositories(URI api, HttpClient http) {
        this.api = api;
        this.http = http;
    }

    /** Pull requests on the same GitHub, with the same client. */
    public GithubPullRequests pullRequests() {
        return new GithubPullRequests(api, http);
    }

    /** Creates the repository unless it exists; returns whether it was created. */
    public boolean ensureExists(GithubRepository repository, String visibility, String token) {
        var existing = send(get(repository), token, repository, "look up");
        if (existing.statusCode() == 200) {
            return false;
        }
        if (existing.statusCode() != 404) {
            throw unexpected(existing, repository, "look up");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("name", repository.name());
        body.put("visibility", visibility == null ? "private" : visibility);
        body.put("private", !"public".equals(visibility));
        body.put("auto_init", false);
        var created = send(
                request("/orgs/" + repository.owner() + "/repos").POST(publish(body)), token, repository, "create");
        return switch (created.statusCode()) {
            case 201 -> true;
            case 422 -> false; // created meanwhile by someone else: it exists, which is what we wanted
            case 404 ->
                throw new SplitFailure(
                        SplitFailure.Kind.REPOSITORY_NOT_FOUND,
                        "cannot create " + repository + ": organisation " + repository.owner()
                                + " not found on GitHub, or the token cannot see it");
            default -> throw unexpected(created, repository, "create");
        };
    }

    public void setDefaultBranch(GithubRepository repository, String branch, String token) {
        patch(repository, Map.of("default_branch", branch), token, "set the default branch of");
    }

    public void archive(GithubRepository repository, String token) {
        patch(repository, Map.of("archived", true), token, "archive");
    }

    /** Makes an archived repository writable again; an active one stays as it is. */
    public void unarchive(GithubRepository repository, String token) {
        patch(repository, Map.of("archived", false), token, "unarchive");
    }

    private void patch(GithubRepository repository, Map<String, Object> body, String token, String doing) {
        var response = send(
                request("/repos/" + repository.owner() + "/" + repository.name())
                        .method("PATCH", publish(body)),
                token,
                repository,
                doing);
        if (response.statusCode() != 200) {
            throw unexpected(response, repository, doing);
        }
    }

    private HttpRequest.Builder get(GithubRepository repository) {
        return request("/repos/" + repository.owner() + "/" + repository.name()).GET();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api.toString().replaceFirst("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", MEDIA_TYPE)
                .header("X-GitHub-Api-Version", "2022-11-28");
    }

    private HttpRequest.BodyPublisher publish(Map<String, Object> body) {
        return GithubCalls.publish(json, body);
    }

    private HttpResponse<String> send(
            HttpRequest.Builder request, String token, GithubRepository repository, String doing) {
        HttpResponse<String> response = GithubCalls.send(
                http,
                request.header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .build(),
                api,
                doing + " " + repository);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SplitFailure(
                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                    "GitHub refused the token to " + doing + " " + repository + " (HTTP " + response.statusCode()
                            + "): it is invalid or lacks the repo/admin scope");
        }
        return response;
    }

    private static SplitFailure unexpected(HttpResponse<String> response, GithubRepository repository, String doing) {
        String body = response.body() == null ? "" : response.body();
        return new SplitFailure(
                SplitFailure.Kind.UNREACHABLE,
                "GitHub answered HTTP " + response.statusCode() + " to " + doing + " " + repository + ": "
                        + body.substring(0, Math.min(300, body.length())));
    }
}
