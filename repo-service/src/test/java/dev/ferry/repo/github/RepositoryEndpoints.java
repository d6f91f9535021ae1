package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.ferry.repo.github.GithubStandIn.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The repository endpoints {@link GithubStandIn} answers, each with GitHub's request and response shapes and the
 * effect kept in the repository's state: the repository itself, topics, branch protection, team access, Actions
 * variables and secrets, webhooks.
 */
final class RepositoryEndpoints {
    /** GitHub's role_name for each permission a team is given. */
    private static final Map<String, String> ROLES =
            Map.of("pull", "read", "triage", "triage", "push", "write", "maintain", "maintain", "admin", "admin");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Libsodium.KeyPair keys;
    private final String keyId;
    private final AtomicLong ids;

    RepositoryEndpoints(Libsodium.KeyPair keys, String keyId, AtomicLong ids) {
        this.keys = keys;
        this.keyId = keyId;
        this.ids = ids;
    }

    ResponseDefinition handle(
            Repository repository, String method, String rest, String owner, String name, JsonNode body) {
        String key = method + " " + rest;
        if (key.equals("GET ")) {
            return json(200, repositoryJson(repository, owner, name));
        }
        if (key.equals("PATCH ")) {
            repository.description = body.path("description").asText();
            return json(200, repositoryJson(repository, owner, name));
        }
        if (key.equals("GET /topics")) {
            return json(200, JSON.createObjectNode().set("names", JSON.valueToTree(repository.topics)));
        }
        if (key.equals("PUT /topics")) {
            var topics = new ArrayList<String>();
            body.path("names").forEach(topic -> topics.add(topic.asText()));
            repository.topics = List.copyOf(topics);
            return json(200, JSON.createObjectNode().set("names", JSON.valueToTree(topics)));
        }
        if (rest.matches("/branches/[^/]+/protection")) {
            return protection(repository, method, rest.split("/")[2], body);
        }
        if (rest.startsWith("/actions/variables")) {
            return variables(repository, method, rest, body);
        }
        if (rest.startsWith("/actions/secrets")) {
            return secrets(repository, method, rest, body);
        }
        if (rest.startsWith("/hooks")) {
            return hooks(repository, method, rest, body);
        }
        return json(404, message("Not Found"));
    }

    private ResponseDefinition protection(Repository repository, String method, String branch, JsonNode body) {
        if (method.equals("GET")) {
            ObjectNode current = repository.protection.get(branch);
            return current == null ? json(404, message("Branch not protected")) : json(200, current);
        }
        ObjectNode protection = JSON.createObjectNode();
        protection.put("url", "https://api.github.com/repos/o/r/branches/" + branch + "/protection");
        JsonNode checks = body.path("required_status_checks");
        if (!checks.isNull()) {
            ObjectNode status = protection.putObject("required_status_checks");
            status.put("strict", checks.path("strict").asBoolean());
            status.set("contexts", checks.path("contexts"));
            ArrayNode named = status.putArray("checks");
            checks.path("contexts")
                    .forEach(context ->
                            named.addObject().put("context", context.asText()).putNull("app_id"));
        }
        JsonNode reviews = body.path("required_pull_request_reviews");
        if (!reviews.isNull()) {
            protection
                    .putObject("required_pull_request_reviews")
                    .put("dismiss_stale_reviews", false)
                    .put("require_code_owner_reviews", false)
                    .put(
                            "required_approving_review_count",
                            reviews.path("required_approving_review_count").asInt());
        }
        protection
                .putObject("enforce_admins")
                .put("enabled", body.path("enforce_admins").asBoolean(false));
        protection
                .putObject("allow_force_pushes")
                .put("enabled", body.path("allow_force_pushes").asBoolean(false));
        protection.putObject("allow_deletions").put("enabled", false);
        repository.protection.put(branch, protection);
        return json(200, protection);
    }

    /**
     * A team's access to the repository: GET answers the repository with the team's {@code role_name} (as with
     * {@code Accept: application/vnd.github.v3.repository+json}) or 404; PUT gives a permission (204).
     */
    ResponseDefinition team(
            Repository repository, String method, String slug, String owner, String name, JsonNode body) {
        if (method.equals("PUT")) {
            repository.teams.put(slug, body.path("permission").asText("push"));
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(204)
                    .build();
        }
        String permission = repository.teams.get(slug);
        if (permission == null) {
            return json(404, message("Not Found"));
        }
        ObjectNode json = repositoryJson(repository, owner, name);
        json.put("role_name", ROLES.getOrDefault(permission, permission));
        return json(200, json);
    }

    private ResponseDefinition variables(Repository repository, String method, String rest, JsonNode body) {
        String name = rest.equals("/actions/variables") ? null : rest.substring("/actions/variables/".length());
        if (method.equals("POST") && name == null) {
            String created = body.path("name").asText();
            if (repository.variables.containsKey(created)) {
                return json(409, message("Already exists"));
            }
            repository.variables.put(created, body.path("value").asText());
            return json(201, JSON.createObjectNode());
        }
        if (name == null || !repository.variables.containsKey(name)) {
            return json(404, message("Not Found"));
        }
        if (method.equals("GET")) {
            return json(
                    200,
                    JSON.createObjectNode()
                            .put("name", name)
                            .put("value", repository.variables.get(name))
                            .put("created_at", "2026-01-10T14:59:22Z")
                            .put("updated_at", "2026-01-11T11:59:22Z"));
        }
        repository.variables.put(name, body.path("value").asText());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition secrets(Repository repository, String method, String rest, JsonNode body) {
        if (rest.equals("/actions/secrets/public-key") && method.equals("GET")) {
            return json(200, JSON.createObjectNode().put("key_id", keyId).put("key", keys.publicKey()));
        }
        String name = rest.substring("/actions/secrets/".length());
        if (method.equals("PUT")) {
            if (!keyId.equals(body.path("key_id").asText())) {
                return json(422, message("Bad key_id"));
            }
            boolean existed =
                    repository.secrets.put(name, body.path("encrypted_value").asText()) != null;
            return existed
                    ? ResponseDefinitionBuilder.responseDefinition()
                            .withStatus(204)
                            .build()
                    : json(201, JSON.createObjectNode());
        }
        return json(404, message("Not Found"));
    }

    private ResponseDefinition hooks(Repository repository, String method, String rest, JsonNode body) {
        synchronized (repository.hooks) {
            if (rest.equals("/hooks") && method.equals("GET")) {
                return json(200, JSON.valueToTree(repository.hooks));
            }
            if (rest.equals("/hooks") && method.equals("POST")) {
                ObjectNode hook = JSON.createObjectNode()
                        .put("type", "Repository")
                        .put("id", ids.incrementAndGet())
                        .put("name", "web")
                        .put("active", body.path("active").asBoolean(true));
                hook.set("events", body.path("events"));
                hook.set("config", shown(repository, hook.path("id").asLong(), body.path("config")));
                hook.put("created_at", "2026-01-10T14:59:22Z");
                repository.hooks.add(hook);
                return json(201, hook);
            }
            long id = Long.parseLong(rest.substring("/hooks/".length()));
            for (ObjectNode hook : repository.hooks) {
                if (hook.path("id").asLong() == id && method.equals("PATCH")) {
                    hook.set("config", shown(repository, id, body.path("config")));
                    hook.set("events", body.path("events"));
                    return json(200, hook);
                }
            }
            return json(404, message("Not Found"));
        }
    }

    /** A hook's config as GitHub shows it: the secret masked, kept aside for the test. */
    private static ObjectNode shown(Repository repository, long id, JsonNode config) {
        ObjectNode shown = config.deepCopy();
        if (config.has("secret")) {
            repository.hookSecrets.put(id, config.path("secret").asText());
            shown.put("secret", "********");
        }
        return shown;
    }

    private static ObjectNode repositoryJson(Repository repository, String owner, String name) {
        ObjectNode json = JSON.createObjectNode()
                .put("id", 1296269)
                .put("name", name)
                .put("full_name", owner + "/" + name)
                .put("private", true)
                .put("default_branch", "main");
        if (repository.description == null) {
            json.putNull("description");
        } else {
            json.put("description", repository.description);
        }
        return json;
    }

    static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString())
                .build();
    }

    static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text).put("documentation_url", "https://docs.github.com/rest");
    }
}
