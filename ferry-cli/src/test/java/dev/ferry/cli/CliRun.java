package dev.ferry.cli;

import dev.ferry.cli.ops.CommandBus;
import dev.ferry.cli.ops.KafkaConnection;
import dev.ferry.cli.status.PlannerClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Runs ferry command lines against captured output, a fixed clock and the given Kafka and planner stand-ins. */
public final class CliRun {

    /** Where a command line goes in: {@link FerryCli#run}, or a distribution's that adds commands (ferry-demo's). */
    @FunctionalInterface
    public interface EntryPoint {
        int run(CliEnvironment env, String... args);
    }

    public static final Instant NOW = Instant.parse("2026-11-22T10:05:00Z");

    private final Map<String, String> variables = new HashMap<>(Map.of("USER", "alice"));
    private Function<KafkaConnection, CommandBus> commandBus = connection -> {
        throw new AssertionError("this test expects no Kafka use, but got " + connection);
    };
    private Function<URI, PlannerClient> planner = url -> {
        throw new AssertionError("this test expects no planner use, but got " + url);
    };
    private boolean terminal;

    private final EntryPoint entryPoint;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int exitCode = -1;

    /** Runs the operator CLI's command lines. */
    public CliRun() {
        this(FerryCli::run);
    }

    public CliRun(EntryPoint entryPoint) {
        this.entryPoint = entryPoint;
    }

    public CliRun variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public CliRun commandBus(Function<String, CommandBus> commandBus) {
        this.commandBus = connection -> commandBus.apply(connection.bootstrapServers());
        return this;
    }

    /** A command bus that also sees the Kafka client settings of the current context. */
    public CliRun commandBusWith(Function<KafkaConnection, CommandBus> commandBus) {
        this.commandBus = commandBus;
        return this;
    }

    public CliRun planner(Function<URI, PlannerClient> planner) {
        this.planner = planner;
        return this;
    }

    public CliRun onTerminal() {
        this.terminal = true;
        return this;
    }

    public CliRun run(String... args) {
        var env = new CliEnvironment(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                variables,
                Clock.fixed(NOW, ZoneOffset.UTC),
                terminal,
                commandBus,
                planner);
        exitCode = entryPoint.run(env, args);
        return this;
    }

    public int exitCode() {
        return exitCode;
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
