package dev.ferry.build.buildah;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.BuildContext;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.DockerfileSource;
import dev.ferry.build.domain.FailureKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a person reads when buildah fails, from the lines buildah 1.28 prints (taken from real runs). */
class BuildahFailuresTest {

    private static final String MULTI_STAGE = """
            ARG NODE=20
            FROM registry.local/node:${NODE} AS deps
            WORKDIR /app
            COPY package.json .
            RUN npm ci

            FROM registry.local/node:${NODE} AS build
            COPY --from=deps /app/node_modules ./node_modules
            RUN npm run build \\
                && npm test
            FROM registry.local/nginx:1
            COPY --from=build /app/dist /usr/share/nginx/html
            """;

    @Test
    void aFailingRunInALaterStageNamesItsOwnLine() {
        BuildFailure failure = BuildahFailures.ofBuild(
                source("services/web/Dockerfile", MULTI_STAGE),
                printed(
                        "[1/3] STEP 1/4: FROM registry.local/node:20 AS deps",
                        "[1/3] STEP 4/4: RUN npm ci",
                        "--> 1b2c3d4e5f6",
                        "[2/3] STEP 1/3: FROM registry.local/node:20 AS build",
                        "[2/3] STEP 2/3: COPY --from=deps /app/node_modules ./node_modules",
                        "[2/3] STEP 3/3: RUN npm run build     && npm test",
                        "FAIL src/app.test.js",
                        "subprocess exited with status 1",
                        "Error: building at STEP \"RUN npm run build     && npm test\": exit status 1"),
                1);

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason())
                .startsWith("services/web/Dockerfile:9: RUN npm run build")
                .contains("(exit status 1)", "FAIL src/app.test.js");
    }

    @Test
    void keepsTheLastFiftyLinesOfOutput() {
        var lines = new ArrayList<String>(List.of("STEP 1/2: FROM registry.local/node:20", "STEP 2/2: RUN make"));
        IntStream.rangeClosed(1, 80).forEach(n -> lines.add("make line " + n));
        lines.add("Error: building at STEP \"RUN make\": exit status 2");

        BuildFailure failure = BuildahFailures.ofBuild(
                source("Dockerfile", "FROM registry.local/node:20\nRUN make\n"),
                printed(lines.toArray(String[]::new)),
                2);

        assertThat(failure.reason())
                .startsWith("Dockerfile:2: RUN make failed (exit status 2); the last 50 lines buildah printed:")
                .contains("make line 80", "make line 32")
                .doesNotContain("make line 31\n");
    }

    @Test
    void aBaseImageMissingFromItsRegistryIsNotFoundByName() {
        BuildFailure failure = BuildahFailures.ofBuild(
                source("Dockerfile", "FROM registry.local:5000/base/node:99\nRUN true\n"),
                printed(
                        "STEP 1/2: FROM registry.local:5000/base/node:99",
                        "Trying to pull registry.local:5000/base/node:99...",
                        "Error: creating build container: initializing source docker://registry.local:5000/base/node:99:"
                                + " reading manifest 99 in registry.local:5000/base/node: manifest unknown: manifest unknown"),
                125);

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).startsWith("image registry.local:5000/base/node:99 is not in its registry");
    }

    @Test
    void anUnreachableRegistryIsWorthAnotherTry() {
        BuildFailure failure = BuildahFailures.ofPush(
                "docker://registry.local:5000/app:1",
                printed("Error: pushing image: dial tcp 10.0.0.5:5000: connect: connection refused"),
                125);

        assertThat(failure.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void debugLinesCountBlobsButNeverReachTheMessage() {
        BuildahOutput output = printed(
                "Copying blob sha256:" + "a".repeat(64),
                "time=\"2026-12-05T01:24:19Z\" level=debug msg=\"Skipping blob sha256:" + "a".repeat(64)
                        + " (already present):\"",
                "time=\"2026-12-05T01:24:19Z\" level=debug msg=\"Upload of layer sha256:" + "b".repeat(64)
                        + " complete\"");

        assertThat(output.blobsSkipped()).containsExactly("sha256:" + "a".repeat(64));
        assertThat(output.blobsUploaded()).containsExactly("sha256:" + "b".repeat(64));
        assertThat(output.tail()).containsExactly("Copying blob sha256:" + "a".repeat(64));
    }

    private static DockerfileSource source(String file, String text) {
        return new DockerfileSource(
                new BuildContext(Path.of("/tmp/context"), "c0ffee", List.of()), file, text, Map.of());
    }

    private static BuildahOutput printed(String... lines) {
        var output = new BuildahOutput();
        for (String line : lines) {
            output.accept(line);
        }
        return output;
    }
}
