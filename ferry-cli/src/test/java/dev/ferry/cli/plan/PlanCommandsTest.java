package dev.ferry.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry plan validate|show} on the shipped examples and on a broken plan. */
class PlanCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int ferry(String... args) {
        var env = new CliEnvironment(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                Clock.systemUTC(),
                false,
                servers -> {
                    throw new AssertionError("plan commands need no Kafka");
                },
                url -> {
                    throw new AssertionError("plan commands need no planner");
                });
        return FerryCli.commandLine(env).execute(args);
    }

    @Test
    void validatesTheFitSyncExample() {
        int exit = ferry("plan", "validate", "../examples/fitsync-multi-repo.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("valid plan fitsync-multi-repo (9 services, 15 phases)");
    }

    @Test
    void showsWhatAnApplyWouldRunPerService() {
        int exit = ferry("plan", "show", "../examples/fitsync-multi-repo.yaml");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("api-gateway")
                .contains("deploy-prod")
                .contains("approval");
    }

    @Test
    void listsEveryProblemOfABrokenPlanWithItsPosition() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(
                plan,
                Files.readString(Path.of("../examples/fitsync-multi-repo.yaml"))
                        .replace("dependsOn: [split]", "dependsOn: [splt]")
                        .replace("path: services/user-service", "path: ../user-service"));

        int exit = ferry("plan", "validate", plan.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("plan.yaml:")
                .contains("unknown phase \"splt\"")
                .contains("services[1].path")
                .contains("2 problem(s)");
    }
}
