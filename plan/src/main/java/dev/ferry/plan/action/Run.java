package dev.ferry.plan.action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code run}: a job for each service, such as its tests, its database migrations or a health check, whose result
 * gates the run (build-service). The job runs a command in a container image (the image this run built for the
 * service, or any image), with the service's repository at the run's commit in its working directory (its own after a
 * split, else the whole source repository, from whose root a monorepo's tools run), and succeeds when the
 * command exits with 0 (and its output matches {@code expectOutput}, when given) before the phase's {@code timeout}.
 *
 * <p>Where it runs ({@code runsOn}): {@code local} runs the image's root file system with buildah on the worker's own
 * machine, with no network unless {@code network: true}; {@code kubernetes} as a {@code Job} in the cluster of the
 * phase's {@code environment}; {@code github-actions} dispatches {@code workflow} of the service's repository with
 * {@code inputs} and follows its run.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): {@code image}, {@code command.n} (from 1; a command written as one
 * text arrives as {@code /bin/sh}, {@code -c} and the text), {@code env.NAME}, {@code secretEnv.NAME} (the credential
 * reference whose value the variable gets; the plan never holds the value), {@code workspace}, {@code expectOutput},
 * {@code runsOn}, {@code network}, {@code namespace}, {@code backoffLimit}, {@code workflow} and {@code inputs.NAME}.
 */
public final class Run {
    public static final String IMAGE = "image";
    public static final String COMMAND = "command";
    public static final String ENV = "env";
    public static final String SECRET_ENV = "secretEnv";
    public static final String WORKSPACE = "workspace";
    public static final String EXPECT_OUTPUT = "expectOutput";
    public static final String RUNS_ON = "runsOn";
    public static final String NETWORK = "network";
    public static final String NAMESPACE = "namespace";
    public static final String BACKOFF_LIMIT = "backoffLimit";
    public static final String WORKFLOW = "workflow";
    public static final String INPUTS = "inputs";

    /** Where a job may run, the default first. */
    public static final List<String> PLACES = List.of("local", "kubernetes", "github-actions");

    public static final String LOCAL = "local";
    public static final String KUBERNETES = "kubernetes";
    public static final String GITHUB_ACTIONS = "github-actions";

    /** Where the service's files are, and the job's working directory, unless the plan says otherwise. */
    public static final String DEFAULT_WORKSPACE = "/workspace";

    /** Output: the job's exit code. */
    public static final String EXIT_CODE = "exitCode";
    /** Output: the last lines of the job's output (at most {@link #TAIL_LINES}). */
    public static final String OUTPUT_TAIL = "outputTail";
    /** Output: where the job's whole output is kept (build-service's log endpoint, or the workflow run's page). */
    public static final String LOG_URL = "logUrl";
    /** Output: the job's name, derived from the run, the phase, the service and the attempt. */
    public static final String JOB_NAME = "jobName";
    /** Output: where it ran ({@code local}, {@code kubernetes} or {@code github-actions}). */
    public static final String RAN_ON = "ranOn";
    /** Output: the image the job ran. */
    public static final String IMAGE_RAN = "imageRan";

    /** The {@code step.progress} unit of a running job's output: its message is the lines printed since the last. */
    public static final String OUTPUT_LINES = "lines";

    /** How many of the output's last lines a result and a failure keep. */
    public static final int TAIL_LINES = 20;

    private static final ActionField RUNS_ON_FIELD = ActionField.choice(
            RUNS_ON,
            PLACES,
            "where the job runs: local (buildah on the worker's machine), kubernetes (a Job in the environment's"
                    + " cluster) or github-actions (a workflow_dispatch of the service's repository)");

    static final Action ACTION = Action.named(
                    "run",
                    "runs a job for each service (tests, migrations, a health check) in a container and gates on its"
                            + " exit code and output")
            .fields(
                    ActionField.optional(
                            COMMAND,
                            ActionField.Type.COMMAND,
                            "the command, e.g. [alembic, upgrade, head], or one line for the image's shell; the"
                                    + " image's own command when left out"),
                    ActionField.optional(
                            IMAGE,
                            ActionField.Type.TEXT,
                            "the image to run, e.g. postgres:16; default the image this run built for the service"),
                    ActionField.optional(ENV, ActionField.Type.TEXT_MAP, "environment variables by name"),
                    ActionField.optional(
                            SECRET_ENV,
                            ActionField.Type.TEXT_MAP,
                            "environment variables by name, each the name of a Ferry credential holding its value"
                                    + " (DATABASE_URL: iot-db-url); never the value itself"),
                    ActionField.optional(
                            WORKSPACE,
                            ActionField.Type.TEXT,
                            "where the service's repository at the run's commit (the whole source repository when the"
                                    + " service has none of its own) is put in the job, and its working directory;"
                                    + " default " + DEFAULT_WORKSPACE),
                    ActionField.optional(
                            EXPECT_OUTPUT,
                            ActionField.Type.TEXT,
                            "a regular expression the job's output must match for the step to pass, besides exit"
                                    + " code 0"),
                    RUNS_ON_FIELD,
                    ActionField.optional(
                            NETWORK,
                            ActionField.Type.BOOLEAN,
                            "whether a local job may use the network (default false: loopback only)"),
                    ActionField.optional(
                            "environment",
                            ActionField.Type.ENVIRONMENT,
                            "the environment whose cluster runs a kubernetes job"),
                    ActionField.optional(
                            NAMESPACE, ActionField.Type.TEXT, "the namespace of a kubernetes job; default ferry-jobs"),
                    ActionField.optional(
                            BACKOFF_LIMIT,
                            ActionField.Type.COUNT,
                            "how many times Kubernetes retries a failed job's pod; default 0"),
                    ActionField.optional(
                            WORKFLOW,
                            ActionField.Type.TEXT,
                            "the workflow a github-actions job dispatches, a file of the service's repository's"
                                    + " .github/workflows, e.g. integration.yml"),
                    ActionField.optional(
                            INPUTS,
                            ActionField.Type.TEXT_MAP,
                            "the inputs of a github-actions job's workflow_dispatch"))
            .requires(Requirement.JOB_SETTINGS)
            .outputs(EXIT_CODE, OUTPUT_TAIL, LOG_URL, JOB_NAME, RAN_ON, IMAGE_RAN)
            .timeout(Duration.ofMinutes(30))
            .describedAs(Run::describe);

    private Run() {}

    /** Where the phase's jobs run. */
    public static String runsOn(Map<String, String> settings) {
        return RUNS_ON_FIELD.chosen(settings);
    }

    /** The command's words; empty for the image's own command. */
    public static List<String> command(Map<String, String> settings) {
        return ActionField.items(settings, COMMAND);
    }

    public static Map<String, String> env(Map<String, String> settings) {
        return ActionField.entries(settings, ENV);
    }

    /** Variables whose values are credentials: variable name to credential reference, sorted by name. */
    public static Map<String, String> secretEnv(Map<String, String> settings) {
        return ActionField.entries(settings, SECRET_ENV);
    }

    public static Map<String, String> inputs(Map<String, String> settings) {
        return ActionField.entries(settings, INPUTS);
    }

    public static String workspace(Map<String, String> settings) {
        return settings.getOrDefault(WORKSPACE, DEFAULT_WORKSPACE);
    }

    public static Optional<String> expectOutput(Map<String, String> settings) {
        return Optional.ofNullable(settings.get(EXPECT_OUTPUT));
    }

    public static boolean network(Map<String, String> settings) {
        return Boolean.parseBoolean(settings.get(NETWORK));
    }

    public static String namespace(Map<String, String> settings) {
        return settings.getOrDefault(NAMESPACE, "ferry-jobs");
    }

    public static int backoffLimit(Map<String, String> settings) {
        return Integer.parseInt(settings.getOrDefault(BACKOFF_LIMIT, "0"));
    }

    private static String describe(StepContext step) {
        Map<String, String> settings = step.phase().settings();
        String where = runsOn(settings);
        var text = new StringBuilder();
        if (where.equals(GITHUB_ACTIONS)) {
            text.append("dispatch ").append(settings.getOrDefault(WORKFLOW, "?"));
            if (!inputs(settings).isEmpty()) {
                text.append(" with inputs ")
                        .append(String.join(", ", inputs(settings).keySet()));
            }
            text.append(" in the service's repository and follow its run");
            return text.toString();
        }
        List<String> command = command(settings);
        text.append("run ")
                .append(command.isEmpty() ? "the image's own command" : shown(command))
                .append(" in ")
                .append(settings.getOrDefault(
                        IMAGE, "the image built for " + step.service().name()))
                .append(where.equals(KUBERNETES) ? " as a Kubernetes Job" : " on the worker's machine");
        if (where.equals(KUBERNETES) && step.phase().environment() != null) {
            text.append(" in ").append(step.phase().environment()).append("'s cluster");
        }
        var extras = new ArrayList<String>();
        if (!env(settings).isEmpty() || !secretEnv(settings).isEmpty()) {
            var names = new ArrayList<>(env(settings).keySet());
            names.addAll(secretEnv(settings).keySet());
            extras.add("env " + String.join(", ", names));
        }
        expectOutput(settings).ifPresent(pattern -> extras.add("output must match /" + pattern + "/"));
        if (where.equals(LOCAL)) {
            extras.add(network(settings) ? "with network" : "no network");
        }
        if (!extras.isEmpty()) {
            text.append("; ").append(String.join("; ", extras));
        }
        return text.append("; passes on exit code 0").toString();
    }

    /** A command as a person would type it: the shell's line itself, or the words with spaces. */
    private static String shown(List<String> command) {
        if (command.size() == 3
                && command.subList(0, 2).equals(ActionField.shellWords("").subList(0, 2))) {
            return "\"" + command.get(2) + "\"";
        }
        return command.stream().collect(Collectors.joining(" ", "\"", "\""));
    }
}
