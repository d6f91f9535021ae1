package dev.ferry.build.job.github;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.util.Collection;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks that a workflow can be a Ferry job before it is dispatched: it has a {@code workflow_dispatch} trigger that
 * declares the input {@code ferry_job} (GitHub refuses an undeclared input), and its {@code run-name} is that input,
 * which is how Ferry finds the run it started. A workflow missing any of it fails the step at once, saying what to add,
 * instead of after a dispatch GitHub refuses or a run Ferry never finds.
 */
final class WorkflowFile {

    /** The input that carries the job's name into the run's title. */
    static final String JOB_INPUT = "ferry_job";

    private WorkflowFile() {}

    /** Throws INVALID_INPUT naming {@code path} when {@code text} is not a workflow Ferry can dispatch as a job. */
    static void check(String path, String repository, String ref, String text) {
        Map<?, ?> workflow = parse(path, repository, ref, text);
        // YAML 1.1 reads the key `on` as the boolean true; a quoted "on" stays text.
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        boolean dispatchable =
                switch (on) {
                    case String event -> event.equals("workflow_dispatch");
                    case Collection<?> events -> events.contains("workflow_dispatch");
                    case Map<?, ?> events -> events.containsKey("workflow_dispatch");
                    case null, default -> false;
                };
        if (!dispatchable) {
            throw unfit(path, repository, ref, "has no workflow_dispatch trigger");
        }
        if (!(on instanceof Map<?, ?> events
                && events.get("workflow_dispatch") instanceof Map<?, ?> dispatch
                && dispatch.get("inputs") instanceof Map<?, ?> inputs
                && inputs.containsKey(JOB_INPUT))) {
            throw unfit(path, repository, ref, "does not declare the workflow_dispatch input " + JOB_INPUT);
        }
        if (!(workflow.get("run-name") instanceof String title && title.contains("inputs." + JOB_INPUT))) {
            throw unfit(path, repository, ref, "does not take its run-name from the input " + JOB_INPUT);
        }
    }

    private static Map<?, ?> parse(String path, String repository, String ref, String text) {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (document instanceof Map<?, ?> workflow) {
                return workflow;
            }
            throw unfit(path, repository, ref, "is not a workflow (a YAML mapping)");
        } catch (YAMLException e) {
            throw unfit(
                    path,
                    repository,
                    ref,
                    "is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static BuildFailure unfit(String path, String repository, String ref, String what) {
        return BuildFailure.permanent(
                FailureKind.INVALID_INPUT,
                "workflow " + path + " of " + repository + " at " + ref + " " + what + "; a github-actions job needs"
                        + " 'on: workflow_dispatch' with an input " + JOB_INPUT + " (inputs: {" + JOB_INPUT
                        + ": {required: true}}) and 'run-name: ${{ inputs." + JOB_INPUT + " }}', which is how Ferry"
                        + " finds the run it started");
    }
}
