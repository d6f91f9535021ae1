package dev.ferry.demo;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.FerryCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry run PLAN}: {@code ferry up}, {@code ferry apply PLAN} and {@code ferry status ID --watch} in one, for
 * one plan: Ferry runs in this process until the run ends, and the exit code is the run's.
 */
@Command(
        name = "run",
        description = {
            "Runs one plan on Ferry in this process (as `ferry up` starts it) and follows the run to its end; exit 0"
                    + " when it succeeded, 1 otherwise. Phases waiting for approval wait for you: approve them from"
                    + " the dashboard whose address is printed, or with `ferry approve` and the printed settings."
        })
public final class RunPlanCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan (YAML).")
    Path plan;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "A value for one of the plan's parameters; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where Ferry keeps its database, the services' state and its log. Default: ${DEFAULT-VALUE}.",
            defaultValue = "ferry-data")
    Path dataDirectory;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description =
                    "The planner's HTTP port (dashboard, status API); 0 for a free one. Default: ${DEFAULT-VALUE}.",
            defaultValue = "0")
    int port;

    public RunPlanCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(plan)) {
            throw new CliFailure("cannot read the plan " + plan + ": no such file");
        }
        Path data = dataDirectory.toAbsolutePath().normalize();
        new UpState(data).requireNotRunning("run");
        Files.createDirectories(data);
        PrintWriter err = env.err();
        err.println("Starting Ferry in " + data);
        try (LocalFerry ferry = LocalFerry.start(new DemoLayout(data), null, port, Map.of(), err)) {
            err.printf(
                    "To approve from another terminal: KAFKA_BOOTSTRAP_SERVERS=%s ferry approve ID --phase PHASE%n",
                    ferry.bootstrapServers());
            CliEnvironment local = talkingTo(ferry, data);
            var id = new StringWriter();
            var apply = new ArrayList<>(List.of("apply", plan.toString()));
            parameters.forEach((name, value) -> apply.addAll(List.of("--param", name + "=" + value)));
            int applied = FerryCli.run(withOut(local, new PrintWriter(id, true)), apply.toArray(String[]::new));
            if (applied != ExitCodes.OK) {
                return applied;
            }
            return FerryCli.run(local, "status", id.toString().strip(), "--watch");
        }
    }

    /**
     * The operator commands' environment, pointed at this Ferry alone: its broker and planner, and an empty CLI
     * config, so no context of the user's (nor its token) is used.
     */
    private CliEnvironment talkingTo(LocalFerry ferry, Path data) {
        Map<String, String> variables = new HashMap<>(env.variables());
        variables.put("KAFKA_BOOTSTRAP_SERVERS", ferry.bootstrapServers());
        variables.put("FERRY_PLANNER_URL", ferry.plannerUrl());
        variables.put("FERRY_CONFIG", data.resolve("no-cli-config.yaml").toString());
        variables.remove("FERRY_CONTEXT");
        variables.remove("FERRY_TOKEN");
        return new CliEnvironment(
                env.out(), env.err(), variables, env.clock(), env.terminal(), env.commandBus(), env.planner());
    }

    private static CliEnvironment withOut(CliEnvironment env, PrintWriter out) {
        return new CliEnvironment(
                out, env.err(), env.variables(), env.clock(), env.terminal(), env.commandBus(), env.planner());
    }
}
