package dev.ferry.cli.status;

import dev.ferry.cli.CliEnvironment;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --planner-url} option of every command that reads the planner's API (a picocli mixin). */
public final class PlannerUrlOption {

    @Option(
            names = "--planner-url",
            paramLabel = "URL",
            description = "The planner's HTTP address. Default: $" + StatusCommand.PLANNER_VARIABLE
                    + ", else the current context's (ferry login), else " + StatusCommand.DEFAULT_PLANNER + ".")
    String url;

    /** The planner's address, from the option or the defaults; a usage error of {@code command} when no URL. */
    public URI uri(CliEnvironment env, CommandSpec command) {
        try {
            return StatusCommand.plannerUri(env, url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
