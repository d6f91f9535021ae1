package dev.ferry.demo;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.util.List;

/**
 * The {@code ferry} command line with the commands that run Ferry in this process added ({@code demo}, {@code up},
 * {@code down}, {@code run}): the main class of the jar {@code ./ferry} runs. The
 * operator commands are {@link FerryCli}'s, unchanged.
 */
public final class FerryWithDemo {

    private FerryWithDemo() {}

    public static void main(String[] args) {
        System.exit(run(FerryCli.systemEnvironment(), args));
    }

    /** Runs one command line and returns its exit code, as {@link FerryCli#run(CliEnvironment, String...)} does. */
    public static int run(CliEnvironment env, String... args) {
        return FerryCli.run(
                env,
                List.of(new DemoCommand(env), new UpCommand(env), new DownCommand(env), new RunPlanCommand(env)),
                args);
    }
}
