package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliRun;
import org.junit.jupiter.api.Test;

/** The jar ./ferry runs: the operator CLI's commands, with {@code demo} among them. */
class FerryWithDemoTest {

    @Test
    void theDemoExplainsItselfWithHelp() {
        var run = new CliRun(FerryWithDemo::run).run("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ferry demo").contains("--data-dir=DIR");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsTheDemoAfterTheOperatorCommandsAndBeforePlan() {
        var run = new CliRun(FerryWithDemo::run).run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().map(String::strip).toList())
                .filteredOn(line -> line.matches("(status|demo|plan) .*"))
                .extracting(line -> line.split(" ")[0])
                .containsExactly("status", "demo", "plan");
    }

    @Test
    void theOperatorCommandsWorkAsInTheCli() {
        var run = new CliRun(FerryWithDemo::run).run("status", "--watch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--watch needs the ID of the run to follow");
    }
}
