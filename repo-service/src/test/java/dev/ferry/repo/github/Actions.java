package dev.ferry.repo.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What GitHub Actions holds for one repository of {@link GithubStandIn}: the {@code workflow_dispatch} events it
 * received, and the workflow runs the test makes, each in the shape GitHub's REST API and {@code workflow_run} webhooks
 * show. The test plays the runner: it starts a run for a dispatch and completes it with the conclusion it chooses.
 */
public final class Actions {

    /** A {@code workflow_dispatch} received: the workflow's file name, the ref and the inputs as sent. */
    public record Dispatch(String workflow, String ref, Map<String, String> inputs) {}

    /** A step of a run's job and how it ended. */
    public record Step(String name, String conclusion) {}

    /** A job of a run, how it ended, and its steps. */
    public record Job(String name, String conclusion, List<Step> steps) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(7_700_000_000L);

    private final String owner;
    private final String name;
    private final String webHost;
    private final List<Dispatch> dispatches = new ArrayList<>();
    /** Runs, oldest first. */
    private final List<ObjectNode> runs = new ArrayList<>();

    private final Map<Long, ArrayNode> jobs = new HashMap<>();

    Actions(String owner, String name, String webHost) {
        this.owner = owner;
        this.name = name;
        this.webHost = webHost;
    }

    /** The dispatches received, oldest first. */
    public synchronized List<Dispatch> dispatches() {
        return List.copyOf(dispatches);
    }

    synchronized void dispatched(Dispatch dispatch) {
        dispatches.add(dispatch);
    }

    /**
     * Starts a run of {@code dispatch}'s workflow, in progress, titled {@code title} (what the workflow's
     * {@code run-name} makes of the inputs); returns the run as GitHub shows it.
     */
    public synchronized ObjectNode start(Dispatch dispatch, String title, String headSha) {
        long id = IDS.incrementAndGet();
        ObjectNode run = JSON.createObjectNode()
                .put("id", id)
                .put("name", dispatch.workflow().replaceFirst("\\.ya?ml$", ""))
                .put("display_title", title)
                .put("path", ".github/workflows/" + dispatch.workflow())
                .put("event", "workflow_dispatch")
                .put("status", "in_progress")
                .putNull("conclusion")
                .put("head_branch", dispatch.ref().replaceFirst("^refs/heads/", ""))
                .put("head_sha", headSha)
                .put("run_number", runs.size() + 1)
                .put("run_attempt", 1)
                .put("html_url", "http://" + webHost + "/" + owner + "/" + name + "/actions/runs/" + id)
                .put("created_at", "2026-01-10T14:59:22Z");
        run.putObject("repository").put("full_name", owner + "/" + name);
        runs.add(run);
        jobs.put(id, JSON.createArrayNode());
        return run.deepCopy();
    }

    /** Completes run {@code id} with {@code conclusion} and its jobs; returns the run as GitHub then shows it. */
    public synchronized ObjectNode complete(long id, String conclusion, List<Job> ended) {
        ObjectNode run = find(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
        run.put("status", "completed").put("conclusion", conclusion);
        ArrayNode shown = JSON.createArrayNode();
        for (Job job : ended) {
            ObjectNode node = shown.addObject()
                    .put("id", IDS.incrementAndGet())
                    .put("run_id", id)
                    .put("name", job.name())
                    .put("status", "completed")
                    .put("conclusion", job.conclusion());
            ArrayNode steps = node.putArray("steps");
            for (int i = 0; i < job.steps().size(); i++) {
                Step step = job.steps().get(i);
                steps.addObject()
                        .put("name", step.name())
                        .put("status", "completed")
                        .put("conclusion", step.conclusion())
                        .put("number", i + 1);
            }
        }
        jobs.put(id, shown);
        return run.deepCopy();
    }

    /** The runs, newest first. */
    public synchronized List<ObjectNode> runs() {
        return runs.reversed().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ObjectNode> run(long id) {
        return find(id).map(ObjectNode::deepCopy);
    }

    synchronized Optional<ArrayNode> jobs(long id) {
        return Optional.ofNullable(jobs.get(id)).map(ArrayNode::deepCopy);
    }

    /** Cancels a run still going (true), or leaves one that completed as it is (false). */
    synchronized boolean cancel(long id) {
        ObjectNode run = find(id).orElseThrow();
        if ("completed".equals(run.path("status").asText())) {
            return false;
        }
        run.put("status", "completed").put("conclusion", "cancelled");
        return true;
    }

    private Optional<ObjectNode> find(long id) {
        return runs.stream().filter(run -> run.path("id").asLong() == id).findFirst();
    }
}
