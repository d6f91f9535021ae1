package dev.ferry.demo;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.login.CliConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry up}: Ferry on this machine until stopped, with no Docker: the broker, the embedded PostgreSQL and the
 * five services in this process, their data kept under {@code --data-dir} between runs. It makes the CLI's context
 * {@code local} current, so {@code ferry apply}, {@code status} and {@code approve} talk to it with no other setting.
 */
@Command(
        name = "up",
        description = {
            "Runs Ferry on this machine until stopped (Ctrl-C or `ferry down`): a Kafka broker (KRaft), the embedded"
                    + " PostgreSQL and the five services in this process, their state under --data-dir (runs are"
                    + " kept between ups).",
            "Prints the dashboard's and the status API's addresses, and makes the CLI context \"local\" current:"
                    + " `ferry apply FILE`, `ferry status`, `ferry approve ...` then talk to it."
        })
public final class UpCommand implements Callable<Integer> {

    static final String CONTEXT = "local";

    private final CliEnvironment env;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where Ferry keeps its database, the services' state and its log. Default: ${DEFAULT-VALUE}.",
            defaultValue = "ferry-data")
    Path dataDirectory;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The planner's HTTP port: dashboard and status API. Default: ${DEFAULT-VALUE}.",
            defaultValue = "8080")
    int port;

    @Option(
            names = "--registry",
            paramLabel = "HOST:PORT",
            description = "Where build phases push images (plain HTTP when on localhost). Default: image tarballs"
                    + " under --data-dir.")
    String registryHost;

    public UpCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        Path data = dataDirectory.toAbsolutePath().normalize();
        var state = new UpState(data);
        state.requireNotRunning("up");
        createDirectories(data);
        PrintWriter out = env.out();
        out.println("Starting Ferry in " + data);
        out.flush();
        LocalFerry ferry = LocalFerry.start(new DemoLayout(data), registryHost, port, Map.of(), out);
        state.write();
        CliConfig config = CliConfig.load(env);
        config.save(
                config.context(CONTEXT).withPlanner(ferry.plannerUrl()).withBootstrapServers(ferry.bootstrapServers()));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                ferry.close();
                            } finally {
                                state.clear();
                                stopped.countDown();
                            }
                        },
                        "ferry-down"));
        out.printf(
                "%nFerry is up.%n  dashboard:  %s%n  status API: %smigrations%n  Kafka:      %s%n  log:        %s%n"
                        + "The CLI's context \"%s\" (%s) is current: `ferry apply FILE`, `ferry status`,"
                        + " `ferry approve ...` talk to this Ferry.%nStop it with Ctrl-C or `ferry down`.%n",
                ferry.plannerUrl(),
                ferry.plannerUrl(),
                ferry.bootstrapServers(),
                new DemoLayout(data).log(),
                CONTEXT,
                config.file());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static void createDirectories(Path data) {
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new CliFailure("cannot create the data directory " + data + ": " + e.getMessage(), e);
        }
    }
}
