package dev.ferry.build.job.github;

import static dev.ferry.build.job.github.GithubRest.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The REST calls about one workflow of one repository on one ref that a github-actions job makes: read the workflow
 * file, find a run by its title, dispatch, read and cancel a run, and say how its jobs went.
 */
final class WorkflowRuns {

    private final GithubRest rest;
    private final String workflow;
    private final String ref;

    /** @param workflow the file's name in {@code .github/workflows}, e.g. {@code integration.yml} */
    WorkflowRuns(GithubRest rest, String workflow, String ref) {
        this.rest = rest;
        this.workflow = workflow;
        this.ref = ref;
    }

    String repository() {
        return rest.repository();
    }

    String path() {
        return ".github/workflows/" + workflow;
    }

    /** The workflow file's text at the ref; NOT_FOUND naming it when it is not there. */
    String file() {
        var answer = rest.get("/contents/" + path() + "?ref=" + encode(ref), "read " + path() + " at " + ref + " of");
        if (answer.status() == 404) {
            throw BuildFailure.permanent(
                    FailureKind.NOT_FOUND,
                    "workflow " + path() + " does not exist in " + repository() + " at " + ref
                            + "; check the run action's workflow and the service's repository and branch");
        }
        expect(answer, 200, "read " + path() + " at " + ref + " of");
        byte[] content =
                Base64.getMimeDecoder().decode(answer.body().path("content").asText());
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The newest run of the workflow on the ref, dispatched and titled {@code title}, when there is one among the
     * latest 50 (a run's {@code head_branch} is the branch's short name).
     */
    Optional<RunState> titled(String title) {
        String doing = "list the runs of " + workflow + " in";
        var answer = rest.get(
                "/actions/workflows/" + encode(workflow) + "/runs?event=workflow_dispatch&branch="
                        + encode(ref.replaceFirst("^refs/heads/", ""))
                        + "&per_page=50",
                doing);
        expect(answer, 200, doing);
        return StreamSupport.stream(answer.body().path("workflow_runs").spliterator(), false)
                .map(RunState::of)
                .filter(run -> run.title().equals(title))
                .findFirst();
    }

    /** Dispatches the workflow on the ref; INVALID_INPUT with GitHub's reason when it refuses the inputs or ref. */
    void dispatch(Map<String, String> inputs) {
        String doing = "dispatch " + workflow + " on " + ref + " of";
        var answer = rest.post(
                "/actions/workflows/" + encode(workflow) + "/dispatches", Map.of("ref", ref, "inputs", inputs), doing);
        if (answer.status() == 422 || answer.status() == 404) {
            throw BuildFailure.permanent(
                    answer.status() == 404 ? FailureKind.NOT_FOUND : FailureKind.INVALID_INPUT,
                    "GitHub refused to " + doing + " " + repository() + " (HTTP " + answer.status() + "): "
                            + answer.message());
        }
        expect(answer, 204, doing);
    }

    RunState run(long id) {
        String doing = "read run " + id + " of";
        var answer = rest.get("/actions/runs/" + id, doing);
        expect(answer, 200, doing);
        return RunState.of(answer.body());
    }

    /** Asks GitHub to cancel the run; one that already ended (409) is left as it is. */
    void cancel(long id) {
        String doing = "cancel run " + id + " of";
        var answer = rest.post("/actions/runs/" + id + "/cancel", null, doing);
        if (answer.status() != 409) {
            expect(answer, 202, doing);
        }
    }

    /** A line for each of the run's jobs: its conclusion, and the steps that failed. */
    List<String> jobLines(long id) {
        String doing = "list the jobs of run " + id + " of";
        var answer = rest.get("/actions/runs/" + id + "/jobs?per_page=100", doing);
        expect(answer, 200, doing);
        var lines = new ArrayList<String>();
        for (JsonNode job : answer.body().path("jobs")) {
            var failed = StreamSupport.stream(job.path("steps").spliterator(), false)
                    .filter(step -> "failure".equals(step.path("conclusion").asText()))
                    .map(step -> "step '" + step.path("name").asText() + "' failed")
                    .toList();
            lines.add("job " + job.path("name").asText() + ": "
                    + job.path("conclusion").asText("unfinished")
                    + (failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")"));
        }
        return lines;
    }

    private void expect(GithubRest.Answer answer, int status, String doing) {
        if (answer.status() != status) {
            throw BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "GitHub answered HTTP " + answer.status() + " to Ferry's attempt to " + doing + " " + repository()
                            + ": " + answer.message(),
                    null);
        }
    }
}
