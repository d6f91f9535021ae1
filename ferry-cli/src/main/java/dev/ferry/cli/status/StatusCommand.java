package dev.ferry.cli.status;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.login.CliConfig;
import dev.ferry.cli.login.CliContext;
import dev.ferry.cli.text.OutputOption;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry status [ID] [--watch]}: runs from the planner's status API, once or live. */
@Command(
        name = "status",
        description = {
            "Without ID: every run, newest first. With ID: the run's phases and each service's steps.",
            "--watch follows the run live until it ends. Exit code 1 when the run FAILED or was ABORTED."
        })
public final class StatusCommand implements Callable<Integer> {

    static final String PLANNER_VARIABLE = "FERRY_PLANNER_URL";
    static final String DEFAULT_PLANNER = "http://localhost:8080";

    /** A stream that ends before the run did (planner restarted) is opened again this often. */
    static final int RECONNECTS = 3;

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The migration ID.")
    String migrationId;

    @Option(names = "--watch", description = "Follow the run live until it ends.")
    boolean watch;

    @Mixin
    PlannerUrlOption plannerUrl = new PlannerUrlOption();

    @Mixin
    OutputOption output = new OutputOption();

    @Option(
            names = "--plain",
            description = "With --watch: a line per change instead of redrawn progress bars (the default when"
                    + " standard output is not a terminal).")
    boolean plain;

    public StatusCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (migrationId == null && watch) {
            throw new ParameterException(spec.commandLine(), "--watch needs the ID of the run to follow");
        }
        PlannerClient planner = env.planner().apply(plannerUri()).withToken(CliConfig.token(env));
        if (migrationId == null) {
            List<MigrationStatus> runs = planner.migrations();
            output.print(env.out(), runs, () -> view().table(runs).forEach(env.out()::println));
            return ExitCodes.OK;
        }
        MigrationStatus run = watch ? follow(planner) : show(planner);
        return run.state() == MigrationStatus.RunState.FAILED || run.state() == MigrationStatus.RunState.ABORTED
                ? ExitCodes.FAILED
                : ExitCodes.OK;
    }

    private MigrationStatus show(PlannerClient planner) {
        MigrationStatus run = planner.migration(migrationId);
        output.print(
                env.out(), run, () -> view().detail(run, env.clock().instant()).forEach(env.out()::println));
        return run;
    }

    private MigrationStatus follow(PlannerClient planner) {
        WatchDisplay display = output.asData()
                ? WatchDisplay.asData(env.out(), output.format())
                : env.ansi() && !plain ? WatchDisplay.forTerminal(env.out()) : WatchDisplay.forLog(env.out());
        for (int attempt = 0; attempt <= RECONNECTS; attempt++) {
            planner.follow(
                    migrationId, status -> display.show(status, env.clock().instant()));
            if (display.last != null && display.last.state().isFinal()) {
                if (display instanceof WatchDisplay.Redrawn) {
                    env.out().println(StatusView.plain().summary(display.last));
                }
                return display.last;
            }
            env.err()
                    .println("ferry: the planner's event stream for " + migrationId + " ended before the run did"
                            + (attempt < RECONNECTS ? "; reconnecting" : ""));
        }
        String state = display.last == null ? "no state received" : "last state " + display.last.state();
        throw new CliFailure("lost the planner's event stream for migration " + migrationId + " at " + plannerUri()
                + " " + (RECONNECTS + 1) + " times (" + state + "); run `ferry status " + migrationId + "` later");
    }

    private StatusView view() {
        return env.ansi() ? StatusView.coloured() : StatusView.plain();
    }

    private URI plannerUri() {
        return plannerUrl.uri(env, spec);
    }

    /**
     * The planner's address: {@code explicit} (the --planner-url option), else $FERRY_PLANNER_URL, else the current
     * context's, else localhost; refused when it is not an http(s) URL.
     */
    public static URI plannerUri(CliEnvironment env, String explicit) {
        String url = explicit != null && !explicit.isBlank()
                ? explicit.strip()
                : env.variable(
                        PLANNER_VARIABLE,
                        CliConfig.load(env).active(env).map(CliContext::planner).orElse(DEFAULT_PLANNER));
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected http://HOST:PORT or https://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--planner-url " + url + " is not a URL: " + e.getReason(), e);
        }
    }
}
