package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * Opens a pull request from a branch into another, once: the open pull request of the same head is found
 * ({@code GET /repos/{o}/{r}/pulls?head=owner:branch&state=open}) before one is opened
 * ({@code POST /repos/{o}/{r}/pulls}), so running the step again opens no second one.
 */
public final class GithubPullRequests {

    private static final String PERMISSION = "Pull requests: write";

    /** A pull request: its page ({@code html_url}) and whether this call opened it. */
    public record PullRequest(String url, boolean opened) {}

    /** What to open: the branch with the change, the branch it goes into, and the title and body people read. */
    public record Proposal(String head, String base, String title, String body) {}

    private final URI api;
    private final HttpClient http;
    private final GithubCalls.Pause pause;

    public GithubPullRequests(URI api, HttpClient http) {
        this(api, http, duration -> Thread.sleep(duration));
    }

    GithubPullRequests(URI api, HttpClient http, GithubCalls.Pause pause) {
        this.api = api;
        this.http = http;
        this.pause = pause;
    }

    /** The open pull request from {@code proposal.head()}, or a new one. */
    public PullRequest open(GithubRepository repository, String token, Proposal proposal) {
        var calls = new GithubCalls(api, http, pause, repository, token);
        String root = "/repos/" + repository.owner() + "/" + repository.name() + "/pulls";
        String head = URLEncoder.encode(repository.owner() + ":" + proposal.head(), StandardCharsets.UTF_8);
        JsonNode open = calls.send(
                        "GET",
                        root + "?head=" + head + "&state=open",
                        null,
                        "list the pull requests of",
                        PERMISSION,
                        200)
                .body();
        if (open.isArray() && !open.isEmpty()) {
            return new PullRequest(open.get(0).path("html_url").asText(), false);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("title", proposal.title());
        body.put("head", proposal.head());
        body.put("base", proposal.base());
        body.put("body", proposal.body());
        JsonNode opened = calls.send("POST", root, body, "open a pull request in", PERMISSION, 201)
                .body();
        return new PullRequest(opened.path("html_url").asText(), true);
    }
}
