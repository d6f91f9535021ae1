package dev.ferry.demo;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry down}: stops the {@code ferry up} running on a data directory, as Ctrl-C would. */
@Command(
        name = "down",
        description = "Stops the Ferry `ferry up` started on --data-dir (its runs are kept for the next `ferry up`).")
public final class DownCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The data directory of the `ferry up` to stop. Default: ${DEFAULT-VALUE}.",
            defaultValue = "ferry-data")
    Path dataDirectory;

    public DownCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        var state = new UpState(dataDirectory.toAbsolutePath().normalize());
        ProcessHandle up = state.running()
                .orElseThrow(() -> new CliFailure("Ferry is not up in " + state.dataDirectory() + " (no running"
                        + " process in " + state.pidFile() + ")"));
        up.destroy();
        try {
            up.onExit().get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new CliFailure("Ferry (process " + up.pid() + ") did not stop within 2 minutes", e);
        } catch (ExecutionException e) {
            throw new CliFailure("cannot wait for Ferry (process " + up.pid() + ") to stop", e);
        }
        state.clear();
        env.out().println("Ferry in " + state.dataDirectory() + " stopped (process " + up.pid() + ")");
        return ExitCodes.OK;
    }
}
