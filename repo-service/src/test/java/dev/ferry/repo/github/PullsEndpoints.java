package dev.ferry.repo.github;

import static dev.ferry.repo.github.RepositoryEndpoints.json;
import static dev.ferry.repo.github.RepositoryEndpoints.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.ferry.repo.github.GithubStandIn.Repository;
import java.util.Map;

/**
 * GitHub's pull request list and creation ({@code GET} and {@code POST /repos/{o}/{r}/pulls}) in the shapes of its
 * documentation: the list filtered by {@code head} ({@code owner:branch}) and {@code state} (default open), a second
 * open pull request of the same head refused with 422 as GitHub does.
 */
final class PullsEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PullsEndpoints() {}

    static boolean serves(String rest) {
        return rest.equals("/pulls");
    }

    static ResponseDefinition handle(
            Repository repository, String method, String owner, Map<String, String> query, JsonNode body) {
        return switch (method) {
            case "GET" -> json(200, list(repository, query.get("head"), query.getOrDefault("state", "open")));
            case "POST" -> open(repository, owner, body);
            default -> json(404, message("Not Found"));
        };
    }

    private static ArrayNode list(Repository repository, String head, String state) {
        ArrayNode found = JSON.createArrayNode();
        repository.pullRequests().stream()
                .filter(pull ->
                        head == null || pull.path("head").path("label").asText().equals(head))
                .filter(pull ->
                        state.equals("all") || pull.path("state").asText().equals(state))
                .forEach(found::add);
        return found;
    }

    private static ResponseDefinition open(Repository repository, String owner, JsonNode body) {
        String head = body.path("head").asText("");
        String base = body.path("base").asText("");
        if (head.isEmpty() || base.isEmpty() || body.path("title").asText("").isEmpty()) {
            return json(422, message("Validation Failed"));
        }
        if (!list(repository, owner + ":" + head, "open").isEmpty()) {
            return json(
                    422, message("Validation Failed: A pull request already exists for " + owner + ":" + head + "."));
        }
        ObjectNode pull = repository.addPullRequest(number -> {
            ObjectNode created = JSON.createObjectNode();
            created.put("number", number);
            created.put("html_url", repository.webUrl() + "/pull/" + number);
            created.put("state", "open");
            created.put("title", body.path("title").asText());
            created.put("body", body.path("body").asText(""));
            created.putObject("head").put("ref", head).put("label", owner + ":" + head);
            created.putObject("base").put("ref", base).put("label", owner + ":" + base);
            return created;
        });
        return json(201, pull);
    }
}
