package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Ferry's webhook on a repository, which tells the planner about pushes and workflow runs. */
final class FerryWebhook {

    /** The events Ferry's webhook receives: pushes and the CI runs the build phase waits for. */
    static final List<String> WEBHOOK_EVENTS = List.of("push", "workflow_run");

    /** The path of Ferry's webhook endpoint, by which an existing hook is recognised as Ferry's when its host moved. */
    static final String WEBHOOK_PATH = "/webhooks/github";

    private FerryWebhook() {}

    /** Ferry's hook and whether this call created or moved it. */
    record Hooked(long id, boolean changed) {}

    /**
     * Ferry's webhook: kept when one already posts to the URL, moved when one posts to Ferry's path elsewhere,
     * created otherwise. GitHub never shows a hook's secret, so an unmoved hook keeps the one it has.
     */
    static Hooked ensure(GithubCalls calls, String root, RepositorySetup.Webhook webhook) {
        String permission = "Webhooks: write";
        JsonNode hooks = calls.send("GET", root + "/hooks", null, "list the webhooks of", permission, 200)
                .body();
        JsonNode ours = null;
        for (JsonNode hook : hooks) {
            String url = hook.path("config").path("url").asText("");
            if (url.equals(webhook.url())) {
                return new Hooked(hook.path("id").asLong(), false);
            }
            if (ours == null && url.endsWith(WEBHOOK_PATH)) {
                ours = hook;
            }
        }
        var config = Map.of(
                "url",
                webhook.url(),
                "content_type",
                "json",
                "insecure_ssl",
                "0",
                "secret",
                webhook.secret().text());
        if (ours != null) {
            long id = ours.path("id").asLong();
            calls.send(
                    "PATCH",
                    root + "/hooks/" + id,
                    Map.of("config", config, "events", WEBHOOK_EVENTS, "active", true),
                    "move Ferry's webhook on",
                    permission,
                    200);
            return new Hooked(id, true);
        }
        JsonNode created = calls.send(
                        "POST",
                        root + "/hooks",
                        Map.of("name", "web", "config", config, "events", WEBHOOK_EVENTS, "active", true),
                        "create Ferry's webhook on",
                        permission,
                        201)
                .body();
        return new Hooked(created.path("id").asLong(), true);
    }
}
