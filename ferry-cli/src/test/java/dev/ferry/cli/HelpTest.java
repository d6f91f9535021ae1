package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"apply", "approve", "status", "plan show"})
    void everySubcommandExplainsItselfWithHelp(String command) {
        String[] words = (command + " --help").split(" ");

        var run = new CliRun().run(words);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ferry " + command);
        assertThat(run.err()).isEmpty();
    }
}
