package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpansionBudgetTest {

    private static BuildFailure failure(String dockerfile) {
        // Only a guard against hanging: without the bounds these Dockerfiles run out of memory, or take for ever.
        return assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> catchThrowableOfType(
                        BuildFailure.class,
                        () -> DockerfileParser.parse("services/user/Dockerfile", dockerfile, Map.of())));
    }

    private static String lines(int count, String template) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> template.replace("#", String.valueOf(i)) + "\n")
                .collect(Collectors.joining());
    }

    @Test
    void refusesAnEnvValueThatDoublesOnEveryLineNamingTheLineAndTheVariable() {
        // Line 2 sets A to one character; line n + 2 doubles it to 2^n, and "A=" plus 2^16 passes 64 KiB at line 18.
        BuildFailure failure = failure("FROM x\nENV A=x\n" + lines(40, "ENV A=$A$A"));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason())
                .isEqualTo("services/user/Dockerfile:18: ENV A: substituting $A makes the value longer than 64 KiB"
                        + " (65536 characters), the most one value may hold; look for a value that grows with every"
                        + " line, such as ENV A=$A$A");
    }

    @Test
    void namesTheVariableOfTheLegacyEnvFormAndOfArgs() {
        // The legacy value has no "A=" in front, so 2^16 characters still fit and line 19 is the first too long.
        assertThat(failure("FROM x\nENV A x\n" + lines(40, "ENV A $A$A")).reason())
                .startsWith("services/user/Dockerfile:19: ENV A: substituting $A makes the value longer than 64 KiB");
        assertThat(failure("ARG B=x\n" + lines(40, "ARG B=$B$B") + "FROM x\n").reason())
                .startsWith("services/user/Dockerfile:17: ARG B: substituting $B makes the value longer than 64 KiB");
    }

    @Test
    void refusesVariablesThatTogetherExpandPastTheTotalBound() {
        String sixtyThousand = "x".repeat(60_000);

        // Each LABEL stays under 64 KiB, but the 18th takes the total substituted past 1 MiB (1,048,576 characters).
        BuildFailure failure = failure("FROM x\nENV X=" + sixtyThousand + "\n" + lines(40, "LABEL l#=$X"));

        assertThat(failure.reason())
                .isEqualTo("services/user/Dockerfile:20: LABEL l18: substituting $X takes the variables substituted"
                        + " in this Dockerfile past 1 MiB (1048576 characters) in total, the most Ferry substitutes"
                        + " in one Dockerfile; refer to long variables less often");
    }

    @Test
    void refusesOneLineThatNamesALongVariableManyTimes() {
        String manyTimes = " $X".repeat(100_000);

        BuildFailure failure = failure("FROM x\nENV X=" + "x".repeat(60_000) + "\nCOPY" + manyTimes + " /app/\n");

        assertThat(failure.reason()).startsWith("services/user/Dockerfile:3: COPY: substituting $X takes the");
    }

    @Test
    void refusesTheSameForABuilderThatRunsTheDockerfileLeavingEverythingElseToIt(@TempDir Path context)
            throws IOException {
        String needsBuildah = "FROM base AS build\nRUN make\nFROM build\nHEALTHCHECK CMD true\nENV A=x\n";
        Files.writeString(context.resolve("Dockerfile"), needsBuildah + lines(40, "ENV A=$A$A"));
        var settings = new ImageSettings("", "user-service", "{sha}", List.of(), null, null, false, null, Map.of());

        BuildFailure failure = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> catchThrowableOfType(
                        BuildFailure.class,
                        () -> BuildPlanner.dockerfile(new BuildContext(context, "abc123", List.of()), settings)));

        assertThat(failure.reason())
                .startsWith("Dockerfile:21: ENV A: substituting $A makes the value longer than 64 KiB");
        assertThatCode(() -> DockerfileParser.checkSubstitutions("Dockerfile", needsBuildah, Map.of()))
                .doesNotThrowAnyException();
    }
}
