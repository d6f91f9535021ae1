package dev.ferry.build.job.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workflow run as GitHub's REST API shows it.
 *
 * @param title the run's {@code display_title}: the job's name for a run Ferry dispatched
 * @param status queued, in_progress, completed ...
 * @param conclusion success, failure, cancelled, timed_out ... once completed; empty before
 */
record RunState(long id, String title, String status, String conclusion, String htmlUrl) {

    static RunState of(JsonNode run) {
        return new RunState(
                run.path("id").asLong(),
                run.path("display_title").asText(),
                run.path("status").asText(),
                run.path("conclusion").asText(""),
                run.path("html_url").asText());
    }

    boolean completed() {
        return "completed".equals(status);
    }

    boolean succeeded() {
        return "success".equals(conclusion);
    }
}
