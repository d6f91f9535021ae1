package dev.ferry.demo.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.ferry.repo.github.Actions;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.testsupport.GithubDeliveries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What GitHub Actions and GitHub's webhooks do for a repository whose workflow ran on a push (the workflow pushes the
 * image it built to the registry) or was dispatched (a run titled as the dispatch's inputs say ends as the test
 * chooses): then GitHub delivers {@code workflow_run} to every webhook of the repository that
 * asked for it, at the URL the webhook was registered with and signed with its secret, as GitHub does
 * ({@code X-Hub-Signature-256}). Only what is registered on the stand-in is used: a webhook Ferry did not register
 * gets nothing.
 */
public final class GithubActionsPlayer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GithubStandIn github;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong runIds = new AtomicLong(9_100_000_000L);
    /** How many dispatches of each repository ({@code owner/name}) were run. */
    private final Map<String, Integer> playedDispatches = new ConcurrentHashMap<>();

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
        long runId = runIds.incrementAndGet();
        ObjectNode run = JSON.createObjectNode()
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
        return deliver(owner, name, run);
    }

    /**
     * Runs the workflow {@code workflowFile} of {@code owner/name} for its next dispatch, as GitHub Actions would: waits
     * for the dispatch, starts a run titled with its {@code ferry_job} input (the workflow's {@code run-name}),
     * completes it with {@code conclusion} and {@code jobs}, and delivers {@code workflow_run} to the repository's
     * webhooks. GitHub creates a run a moment after the dispatch: here the run appears only once the dispatcher has
     * listed the workflow's runs after dispatching, so only the delivery (or a poll after that) can tell it of the run.
     *
     * @return the completed run as GitHub's API shows it
     */
    public ObjectNode runNextDispatch(
            String owner, String name, String workflowFile, String conclusion, List<Actions.Job> jobs)
            throws Exception {
        Actions actions = github.repository(owner, name).actions;
        int played = playedDispatches.getOrDefault(owner + "/" + name, 0);
        await("a dispatch of " + workflowFile)
                .atMost(Duration.ofSeconds(60))
                .until(() -> actions.dispatches().size() > played);
        Actions.Dispatch dispatch = actions.dispatches().get(played);
        playedDispatches.put(owner + "/" + name, played + 1);
        assertThat(dispatch.workflow()).isEqualTo(workflowFile);
        String workflow = "/repos/" + owner + "/" + name + "/actions/workflows/" + workflowFile;
        await("the runs of " + workflowFile + " listed after the dispatch")
                .atMost(Duration.ofSeconds(60))
                .until(() -> listedAfterDispatch(workflow));
        String headSha = (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, 40);
        ObjectNode run = actions.start(dispatch, dispatch.inputs().get("ferry_job"), headSha);
        ObjectNode completed = actions.complete(run.path("id").asLong(), conclusion, jobs);
        assertThat(deliver(owner, name, completed))
                .as("webhooks of %s/%s that heard of the run", owner, name)
                .isPositive();
        return completed;
    }

    /** Whether the workflow's runs were listed since its last dispatch ({@code workflow}: its REST path). */
    private boolean listedAfterDispatch(String workflow) {
        // Newest first.
        for (var event : github.server().getAllServeEvents()) {
            String path = event.getRequest().getUrl().replaceFirst("\\?.*$", "");
            if (path.equals(workflow + "/dispatches")) {
                return false;
            }
            if (path.equals(workflow + "/runs")
                    && event.getRequest().getMethod().getName().equals("GET")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers a completed {@code workflow_run} to each webhook of {@code owner/name} subscribed to it, signed with the
     * hook's secret; returns how many received it (each must answer 2xx).
     */
    private int deliver(String owner, String name, ObjectNode run) throws Exception {
        GithubStandIn.Repository repository = github.repository(owner, name);
        ObjectNode payload = JSON.createObjectNode().put("action", "completed");
        payload.set("workflow_run", run);
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
