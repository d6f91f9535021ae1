package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.avro.StartMigration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apply FILE}: starts a run of a plan under a new migration ID, and prints the ID. */
@Command(
        name = "apply",
        description = {
            "Start a run of a migration plan: publishes StartMigration with a new migration ID and prints the ID.",
            "Standard output holds the ID alone, so `id=$(ferry apply plan.yaml)` works."
        })
public final class ApplyCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan (YAML), sent as written.")
    Path file;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "A value for one of the plan's parameters, e.g. sourceCommit=4f1c2ab; repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    private final String migrationId = UUID.randomUUID().toString();

    public ApplyCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    String migrationId() {
        return migrationId;
    }

    @Override
    Object payload() {
        parameters.keySet().forEach(name -> requireText(name, "the NAME of --param NAME=VALUE"));
        PlanDocument plan = PlanDocument.read(file);
        return StartMigration.newBuilder()
                .setPlanDocument(plan.text())
                .setPlanName(plan.name())
                .setParameters(new LinkedHashMap<>(parameters))
                .build();
    }

    @Override
    void reportSent(MigrationCommand command) {
        var start = (StartMigration) command.getCommand();
        env.out().println(migrationId);
        env.err()
                .println("started plan " + start.getPlanName() + " as migration " + migrationId + " (" + waited()
                        + "); follow it with: ferry status " + migrationId + " --watch");
    }
}
