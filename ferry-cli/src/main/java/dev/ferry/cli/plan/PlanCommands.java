package dev.ferry.cli.plan;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ExitCodes;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.InvalidPlanException;
import dev.ferry.plan.yaml.PlanReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry plan validate|show FILE}: the planner's own reader checks a plan without Kafka or a planner running;
 * {@code show} adds the dry run, per service the ordered steps an apply would run and which gates wait for a person.
 */
public final class PlanCommands {

    private PlanCommands() {}

    /** The {@code plan} command with its two subcommands. */
    public static CommandLine command(CliEnvironment env) {
        return new CommandLine(new Plan()).addSubcommand(new Validate(env)).addSubcommand(new Show(env));
    }

    @Command(name = "plan", description = "Check a migration plan, or show what applying it would run.")
    static final class Plan implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "say what to do with the plan: ferry plan validate FILE | ferry plan show FILE");
        }
    }

    /** A subcommand that reads one plan file and, when it is valid, reports on it. */
    abstract static class PlanFileCommand implements Callable<Integer> {
        final CliEnvironment env;

        @Parameters(index = "0", paramLabel = "FILE", description = "The plan (YAML).")
        Path file;

        PlanFileCommand(CliEnvironment env) {
            this.env = env;
        }

        abstract void report(MigrationPlan plan);

        @Override
        public Integer call() {
            return read(env, file, this::report);
        }
    }

    @Command(name = "validate", description = "Check a plan; every problem is listed with file:line:column and path.")
    static final class Validate extends PlanFileCommand {
        Validate(CliEnvironment env) {
            super(env);
        }

        @Override
        void report(MigrationPlan plan) {
            env.out()
                    .println(file + ": valid plan " + plan.name() + " ("
                            + plan.services().size() + " services, "
                            + plan.phases().size() + " phases)");
        }
    }

    @Command(name = "show", description = "Validate a plan and print, per service, the steps an apply would run.")
    static final class Show extends PlanFileCommand {
        Show(CliEnvironment env) {
            super(env);
        }

        @Override
        void report(MigrationPlan plan) {
            env.out().print(DryRun.describe(plan));
        }
    }

    private static int read(CliEnvironment env, Path file, java.util.function.Consumer<MigrationPlan> onValid) {
        if (!Files.isRegularFile(file)) {
            env.err().println("ferry: no plan file at " + file.toAbsolutePath());
            return ExitCodes.FAILED;
        }
        try {
            onValid.accept(PlanReader.read(file));
            env.out().flush();
            return ExitCodes.OK;
        } catch (InvalidPlanException invalid) {
            env.err().println(invalid.getMessage());
            env.err().println(invalid.problems().size() + " problem(s) in " + file);
            return ExitCodes.FAILED;
        }
    }
}
