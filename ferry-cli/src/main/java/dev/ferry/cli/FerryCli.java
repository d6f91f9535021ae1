package dev.ferry.cli;

import dev.ferry.cli.http.HttpPlannerClient;
import dev.ferry.cli.kafka.KafkaCommandBus;
import dev.ferry.cli.login.LoginCommand;
import dev.ferry.cli.ops.AbortCommand;
import dev.ferry.cli.ops.ApplyCommand;
import dev.ferry.cli.ops.ApproveCommand;
import dev.ferry.cli.ops.PauseCommand;
import dev.ferry.cli.ops.ResumeCommand;
import dev.ferry.cli.ops.RetryCommand;
import dev.ferry.cli.ops.RollbackCommand;
import dev.ferry.cli.plan.PlanCommands;
import dev.ferry.cli.status.StatusCommand;
import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code ferry} command: its subcommands, wired to the real Kafka and planner, and its exit codes. */
@Command(
        name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = FerryCli.Version.class,
        description = "Runs monorepo-to-microservices migration plans as a chain of Kafka events.",
        footer = {"", "Exit codes: 0 ok, 1 rejected command / failed run / unreachable service, 2 usage error."})
public final class FerryCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(systemEnvironment(), args));
    }

    /** Runs one command line and returns its exit code (see {@link ExitCodes}). */
    public static int run(CliEnvironment env, String... args) {
        return run(env, List.of(), args);
    }

    /**
     * {@link #run(CliEnvironment, String...)} for a {@code ferry} with more subcommands than the operator CLI's own:
     * the distribution that embeds the services adds {@code ferry demo} this way.
     */
    public static int run(CliEnvironment env, List<?> moreCommands, String... args) {
        try {
            return commandLine(env, moreCommands).execute(args);
        } finally {
            env.out().flush();
            env.err().flush();
        }
    }

    /** The operator CLI's command tree, writing to and reading from {@code env}. */
    public static CommandLine commandLine(CliEnvironment env) {
        return commandLine(env, List.of());
    }

    /** The command tree with {@code moreCommands} listed after the CLI's own and before {@code plan}. */
    public static CommandLine commandLine(CliEnvironment env, List<?> moreCommands) {
        var commandLine = new CommandLine(new FerryCli());
        subcommands(env).forEach(commandLine::addSubcommand);
        moreCommands.forEach(commandLine::addSubcommand);
        commandLine.addSubcommand(PlanCommands.command(env));
        // `ferry completion > ferry.bash`: picocli's generator, for bash and zsh.
        commandLine.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        commandLine
                .getSubcommands()
                .get("completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        commandLine.getCommandSpec().versionProvider(new Version(env));
        helpEverywhere(commandLine);
        return commandLine
                .setOut(env.out())
                .setErr(env.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    if (failure instanceof CliFailure cli) {
                        line.getErr().println("ferry: " + cli.getMessage());
                        return ExitCodes.FAILED;
                    }
                    throw failure;
                });
    }

    /** {@code --help} and {@code --version} on every subcommand, however deep, not only on {@code ferry} itself. */
    private static void helpEverywhere(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            helpEverywhere(sub);
        }
    }

    /**
     * Every subcommand, in the order help lists them ({@code plan validate|show} is added after them, see
     * {@link PlanCommands}).
     */
    static List<Object> subcommands(CliEnvironment env) {
        return List.of(
                new ApplyCommand(env),
                new ApproveCommand(env),
                new PauseCommand(env),
                new ResumeCommand(env),
                new AbortCommand(env),
                new RetryCommand(env),
                new RollbackCommand(env),
                new StatusCommand(env),
                new LoginCommand(env));
    }

    /** The process's own streams, variables and clock, with the real Kafka and HTTP adapters. */
    public static CliEnvironment systemEnvironment() {
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        return new CliEnvironment(
                new PrintWriter(new OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new OutputStreamWriter(System.err, charset), true),
                System.getenv(),
                Clock.systemUTC(),
                stdoutIsTerminal(),
                connection -> KafkaCommandBus.at(connection),
                HttpPlannerClient::at);
    }

    /**
     * Whether standard output is a terminal. Up to JDK 21 a console exists only then; from JDK 22 one always exists
     * and says so through {@code Console.isTerminal()}, which a build for release 21 can only reach reflectively.
     */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Looked up on java.io.Console itself: the JDK's subclass is not public, so its own method cannot be
            // called.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException beforeJdk22) {
            return true;
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a command, e.g. `ferry status`; see `ferry --help`");
    }

    /**
     * This CLI's version (from the jar's manifest, set by Maven; "development" when run from classes), and the planner's when it answers within a moment: the planner of {@code $FERRY_PLANNER_URL},
     * else of the current context, else on localhost.
     */
    static final class Version implements CommandLine.IVersionProvider {
        private final CliEnvironment env;

        Version(CliEnvironment env) {
            this.env = env;
        }

        Version() {
            this(null);
        }

        @Override
        public String[] getVersion() {
            String version = FerryCli.class.getPackage().getImplementationVersion();
            String cli = "ferry " + (version == null ? "development" : version);
            if (env == null) {
                return new String[] {cli};
            }
            URI planner;
            try {
                planner = StatusCommand.plannerUri(env, null);
            } catch (IllegalArgumentException | CliFailure unusable) {
                return new String[] {cli, "planner: " + unusable.getMessage()};
            }
            return new String[] {
                cli,
                env.planner()
                        .apply(planner)
                        .version()
                        .map(running -> "planner " + running + " at " + planner)
                        .orElse("planner: no answer at " + planner)
            };
        }
    }
}
