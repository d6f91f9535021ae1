package dev.ferry.repo.github;

import static dev.ferry.repo.github.RepositoryEndpoints.json;
import static dev.ferry.repo.github.RepositoryEndpoints.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.ferry.repo.github.GithubStandIn.Repository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints of {@link GithubStandIn} that a workflow run needs, with GitHub's request and response shapes: a file's
 * contents on the default branch, a workflow's dispatches and runs, a run, its jobs, and its cancellation.
 */
final class ActionsEndpoints {

    private static final Pattern WORKFLOW = Pattern.compile("^/actions/workflows/([^/]+)/(dispatches|runs)$");
    private static final Pattern RUN = Pattern.compile("^/actions/runs/(\\d+)(/jobs|/cancel)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionsEndpoints() {}

    /** Whether {@code rest} (the path after {@code /repos/owner/name}) is one of these endpoints. */
    static boolean serves(String rest) {
        return rest.startsWith("/contents/")
                || WORKFLOW.matcher(rest).matches()
                || RUN.matcher(rest).matches();
    }

    static ResponseDefinition handle(
            Repository repository, String method, String rest, Map<String, String> query, JsonNode body) {
        if (rest.startsWith("/contents/") && method.equals("GET")) {
            return contents(repository, rest.substring("/contents/".length()), query.get("ref"));
        }
        Matcher workflow = WORKFLOW.matcher(rest);
        if (workflow.matches()) {
            String file = workflow.group(1);
            if (!repository.files.containsKey(".github/workflows/" + file)) {
                return json(404, message("Not Found"));
            }
            if (workflow.group(2).equals("dispatches") && method.equals("POST")) {
                return dispatch(repository, file, body);
            }
            if (method.equals("GET")) {
                return runs(repository, file, query);
            }
        }
        Matcher run = RUN.matcher(rest);
        if (run.matches()) {
            return run(repository, method, Long.parseLong(run.group(1)), run.group(2));
        }
        return json(404, message("Not Found"));
    }

    /** A file of the default branch, base64 in lines of 60 as GitHub sends it; other refs have no commit here. */
    private static ResponseDefinition contents(Repository repository, String path, String ref) {
        if (ref != null && !ref.equals("main") && !ref.equals("refs/heads/main")) {
            return json(404, message("No commit found for the ref " + ref));
        }
        String text = repository.files.get(path);
        if (text == null) {
            return json(404, message("Not Found"));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(bytes) + "\n";
        ObjectNode file = JSON.createObjectNode()
                .put("type", "file")
                .put("encoding", "base64")
                .put("size", bytes.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1))
                .put("path", path)
                .put("content", encoded)
                .put("sha", Integer.toHexString(text.hashCode()));
        return json(200, file);
    }

    /** Records the dispatch (204); a ref that is not a branch here is refused as GitHub does (422). */
    private static ResponseDefinition dispatch(Repository repository, String file, JsonNode body) {
        String ref = body.path("ref").asText();
        if (!ref.equals("main") && !ref.equals("refs/heads/main")) {
            return json(422, message("No ref found for: " + ref));
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        body.path("inputs")
                .properties()
                .forEach(input -> inputs.put(input.getKey(), input.getValue().asText()));
        repository.actions.dispatched(new Actions.Dispatch(file, ref, Map.copyOf(inputs)));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    /** The workflow's runs, newest first, filtered by {@code event} and {@code branch}, at most {@code per_page}. */
    private static ResponseDefinition runs(Repository repository, String file, Map<String, String> query) {
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        List<ObjectNode> runs = repository.actions.runs().stream()
                .filter(run -> run.path("path").asText().equals(".github/workflows/" + file))
                .filter(run -> matches(run, "event", query.get("event")))
                .filter(run -> matches(run, "head_branch", query.get("branch")))
                .toList();
        ObjectNode answer = JSON.createObjectNode().put("total_count", runs.size());
        answer.putArray("workflow_runs").addAll(runs.subList(0, Math.min(perPage, runs.size())));
        return json(200, answer);
    }

    private static boolean matches(ObjectNode run, String field, String wanted) {
        return wanted == null || run.path(field).asText().equals(wanted);
    }

    private static ResponseDefinition run(Repository repository, String method, long id, String what) {
        Optional<ObjectNode> run = repository.actions.run(id);
        if (run.isEmpty()) {
            return json(404, message("Not Found"));
        }
        if (what == null && method.equals("GET")) {
            return json(200, run.get());
        }
        if ("/jobs".equals(what) && method.equals("GET")) {
            var jobs = repository.actions.jobs(id).orElseThrow();
            ObjectNode answer = JSON.createObjectNode().put("total_count", jobs.size());
            answer.set("jobs", jobs);
            return json(200, answer);
        }
        if ("/cancel".equals(what) && method.equals("POST")) {
            return repository.actions.cancel(id)
                    ? json(202, JSON.createObjectNode())
                    : json(409, message("Cannot cancel a workflow run that is completed."));
        }
        return json(404, message("Not Found"));
    }
}
