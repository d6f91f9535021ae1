package dev.ferry.cli.plan;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.login.CliConfig;
import dev.ferry.cli.status.PlannerUrlOption;
import dev.ferry.cli.status.RunPlan;
import dev.ferry.cli.text.OutputOption;
import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.InvalidPlanException;
import dev.ferry.plan.yaml.PlanCheck;
import dev.ferry.plan.yaml.PlanReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry plan validate|show FILE}: the planner's own reader checks a plan without Kafka or a planner running;
 * {@code show} adds the dry run, per service the ordered steps an apply would run and which gates wait for a person.
 * Both print the same data as JSON or YAML with {@code -o json|yaml}. {@code show --run ID} asks the planner for the
 * plan a run runs and prints its dry run, worked out there by the same code.
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
                    "say what to do with the plan: ferry plan validate FILE | ferry plan show FILE | ferry plan show"
                            + " --run ID");
        }
    }

    /**
     * A subcommand that reads one plan file and, when it is valid, reports on it; with {@code -o json|yaml} it prints
     * the {@link PlanCheck} instead, problems included, so a script reads them without parsing messages.
     */
    abstract static class PlanFileCommand implements Callable<Integer> {
        final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The plan (YAML).")
        Path file;

        @Mixin
        OutputOption output = new OutputOption();

        PlanFileCommand(CliEnvironment env) {
            this.env = env;
        }

        abstract void report(MigrationPlan plan);

        /** What this command prints as data about a valid plan. */
        abstract PlanCheck data(MigrationPlan plan);

        /** What the command does when no FILE is named: by default, nothing but a usage error. */
        Integer withoutFile() {
            throw new ParameterException(spec.commandLine(), "name the plan FILE");
        }

        @Override
        public Integer call() {
            if (file == null) {
                return withoutFile();
            }
            if (!Files.isRegularFile(file)) {
                env.err().println("ferry: no plan file at " + file.toAbsolutePath());
                return ExitCodes.FAILED;
            }
            try {
                MigrationPlan plan = PlanReader.read(file);
                output.print(env.out(), data(plan), () -> report(plan));
                return ExitCodes.OK;
            } catch (InvalidPlanException invalid) {
                output.print(env.out(), PlanCheck.refused(invalid.problems()), () -> env.err()
                        .println(invalid.getMessage()));
                env.err().println(invalid.problems().size() + " problem(s) in " + file);
                return ExitCodes.FAILED;
            } finally {
                env.out().flush();
            }
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

        @Override
        PlanCheck data(MigrationPlan plan) {
            return PlanCheck.of(plan).withoutDryRun();
        }
    }

    @Command(
            name = "show",
            description = {
                "Validate a plan and print, per service, the steps an apply would run.",
                "With --run ID instead of FILE: the plan a run runs and its dry run, from the planner."
            })
    static final class Show extends PlanFileCommand {
        @Option(names = "--run", paramLabel = "ID", description = "The migration ID whose plan to show.")
        String run;

        @Mixin
        PlannerUrlOption plannerUrl = new PlannerUrlOption();

        Show(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (run != null && file != null) {
                throw new ParameterException(spec.commandLine(), "name the plan FILE or --run ID, not both");
            }
            return super.call();
        }

        /** The plan of a run, from the planner: the same dry run as a file's, or the planner's data as is. */
        @Override
        Integer withoutFile() {
            if (run == null) {
                throw new ParameterException(spec.commandLine(), "name the plan FILE, or --run ID for a run's plan");
            }
            RunPlan plan = env.planner()
                    .apply(plannerUrl.uri(env, spec))
                    .withToken(CliConfig.token(env))
                    .plan(run.strip());
            output.print(env.out(), plan, () -> env.out().print(plan.dryRun().text()));
            env.out().flush();
            return ExitCodes.OK;
        }

        @Override
        void report(MigrationPlan plan) {
            env.out().print(DryRun.describe(plan));
        }

        @Override
        PlanCheck data(MigrationPlan plan) {
            return PlanCheck.of(plan);
        }
    }
}
