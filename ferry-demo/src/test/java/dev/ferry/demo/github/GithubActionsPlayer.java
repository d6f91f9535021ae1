package dev.ferry.demo.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.testsupport.GithubDeliveries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What GitHub Actions and GitHub's webhooks do for a repository whose workflow ran on a push: the workflow pushes the
 * image it built to the registry, then GitHub delivers {@code workflow_run} to every webhook of the repository that
 * asked for it, at the URL the webhook was registered with and signed with its secret, as GitHub does
 * ({@code X-Hub-Signature-256}). Only what is registered on the stand-in is used: a webhook Ferry did not register
 * gets nothing.
 */
public final class GithubActionsPlayer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GithubStandIn github;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong runIds = new AtomicLong(9_100_000_000L);

    public GithubActionsPlayer(GithubStandIn github) {
        this.github = github;
    }

    /** Pushes a small image as {@code reference} (host/repository:tag) to a plain-HTTP registry; returns its digest. */
    public String pushImage(String reference, String content) throws Exception {
        Path files = Files.createTempDirectory("ci-image-");
        Path app = Files.writeString(files.resolve("app.txt"), content);
        var container = Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .addEntry(app, AbsoluteUnixPath.get("/app/app.txt"))
                        .build())
                .setProgramArguments("/app/start")
                .containerize(Containerizer.to(RegistryImage.named(reference))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(files.resolve("cache"))
                        .setApplicationLayersCache(files.resolve("cache")));
        return container.getDigest().toString();
    }

    /**
     * Delivers a completed {@code workflow_run} of {@code workflowPath} on {@code commit} to each webhook of
     * {@code owner/name} subscribed to it; returns how many received it (each must answer 2xx).
     */
    public int deliverWorkflowRun(String owner, String name, String workflowPath, String commit, String conclusion)
            throws Exception {
        GithubStandIn.Repository repository = github.repository(owner, name);
        long runId = runIds.incrementAndGet();
        ObjectNode payload = JSON.createObjectNode().put("action", "completed");
        payload.putObject("workflow_run")
                .put("id", runId)
                .put("name", "CI")
                .put("event", "push")
                .put("status", "completed")
                .put("conclusion", conclusion)
                .put("head_branch", "main")
                .put("head_sha", commit)
                .put("path", workflowPath)
                .put("run_attempt", 1)
                .put("html_url", "https://github.com/" + owner + "/" + name + "/actions/runs/" + runId);
        ObjectNode repositoryNode =
                payload.putObject("repository").put("name", name).put("full_name", owner + "/" + name);
        repositoryNode.putObject("owner").put("login", owner);
        byte[] body = JSON.writeValueAsBytes(payload);
        int delivered = 0;
        for (ObjectNode hook : repository.hooks()) {
            boolean subscribed = false;
            for (var event : hook.path("events")) {
                subscribed |=
                        event.asText().equals("workflow_run") || event.asText().equals("*");
            }
            if (!subscribed || !hook.path("active").asBoolean(true)) {
                continue;
            }
            String secret = repository.hookSecrets.get(hook.path("id").asLong());
            var request = HttpRequest.newBuilder(
                            URI.create(hook.path("config").path("url").asText()))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "GitHub-Hookshot/e2e")
                    .header("X-GitHub-Event", "workflow_run")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-GitHub-Hook-ID", hook.path("id").asText())
                    .header("X-Hub-Signature-256", GithubDeliveries.signature(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("delivery to %s: %s", request.uri(), response.body())
                    .isBetween(200, 299);
            delivered++;
        }
        return delivered;
    }
}
