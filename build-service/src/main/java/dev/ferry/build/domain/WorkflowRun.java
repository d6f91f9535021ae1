package dev.ferry.build.domain;

/**
 * A finished GitHub Actions run, as its {@code workflow_run} webhook tells it.
 *
 * @param repository {@code owner/name}
 * @param workflowPath e.g. {@code .github/workflows/build-push.yml}
 * @param conclusion success, failure, cancelled, timed_out ...
 * @param url the run's page
 */
public record WorkflowRun(String repository, String headCommit, String workflowPath, String conclusion, String url) {

    public boolean succeeded() {
        return "success".equals(conclusion);
    }

    /** Whether this run is the one a build waits for: same repository, commit and workflow file. */
    public boolean answers(CiWait<?> wait) {
        return repository.equalsIgnoreCase(wait.repository())
                && headCommit.equals(wait.commit())
                && fileName(workflowPath).equals(fileName(wait.workflow()));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
