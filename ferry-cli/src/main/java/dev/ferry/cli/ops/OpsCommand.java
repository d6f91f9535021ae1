package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.login.CliConfig;
import dev.ferry.cli.login.CliContext;
import dev.ferry.cli.text.OutputOption;
import dev.ferry.contracts.avro.MigrationCommand;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One ops command from the command line: builds the {@link MigrationCommand}, publishes it, and exits 1 with the
 * planner's reason when the planner rejects it within the wait.
 */
abstract class OpsCommand implements Callable<Integer> {

    final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    OutputOption output = new OutputOption();

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why, in your words; shown in Slack and kept in the audit trail.")
    String reason;

    OpsCommand(CliEnvironment env) {
        this.env = env;
    }

    /** The run the command is for. */
    abstract String migrationId();

    /** The command union's payload, e.g. an ApprovePhase. */
    abstract Object payload();

    /** Tells the person what was sent, once it was published and not rejected. */
    abstract void reportSent(MigrationCommand command);

    @Override
    public Integer call() {
        MigrationCommand command = build();
        Optional<CommandBus.Rejection> rejection;
        try (CommandBus bus = env.commandBus().apply(kafka.connection(env, context()))) {
            rejection = bus.publish(command, kafka.waitForRejection);
        }
        if (output.asData()) {
            output.format().print(env.out(), Sent.of(spec.name(), command, rejection));
        }
        if (rejection.isPresent()) {
            env.err().println(rejectionMessage(command, rejection.get()));
            return ExitCodes.FAILED;
        }
        if (!output.asData()) {
            reportSent(command);
        }
        return ExitCodes.OK;
    }

    /**
     * What {@code -o json|yaml} prints about a command: which run it was for, its event id (the audit log's
     * {@code commandId}) and whether the planner rejected it within the wait.
     *
     * @param rejection null when the planner did not reject it within the wait
     */
    record Sent(String command, String migrationId, String commandId, CommandBus.Rejection rejection) {
        static Sent of(String name, MigrationCommand command, Optional<CommandBus.Rejection> rejection) {
            return new Sent(
                    name,
                    command.getMetadata().getMigrationId().toString(),
                    command.getMetadata().getEventId().toString(),
                    rejection.orElse(null));
        }
    }

    /** The record this command line stands for, without publishing it. */
    MigrationCommand build() {
        String id = requireText(migrationId(), "the migration ID");
        return CommandRecords.issuedBy(env.issuer(), CliConfig.token(env), env.clock())
                .command(id, payload(), optionalText(reason, "--reason"));
    }

    private Optional<CliContext> context() {
        return CliConfig.load(env).active(env);
    }

    String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), what + " must not be empty");
        }
        return value.strip();
    }

    String optionalText(String value, String option) {
        return value == null ? null : requireText(value, option);
    }

    String waited() {
        return kafka.waitForRejection.isZero()
                ? "not waiting for the planner's answer"
                : "not rejected within " + kafka.waitForRejection.toMillis() + " ms";
    }

    private static String rejectionMessage(MigrationCommand command, CommandBus.Rejection rejection) {
        String state = rejection.migrationState() == null ? "" : " (run state " + rejection.migrationState() + ")";
        return "ferry: the planner rejected " + rejection.commandType() + " for migration "
                + command.getMetadata().getMigrationId() + ": " + rejection.reason() + state;
    }
}
