package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a builder that runs the Dockerfile needs to know of it before and after the run. */
class DockerfileSourceTest {

    @Test
    void credentialsGoToTheRegistriesTheFromLinesPullFrom() {
        String text = """
                ARG NODE=20
                FROM registry.local/node:${NODE} AS deps
                FROM node:20
                FROM ${BASE_REGISTRY}/node:20
                FROM --platform=linux/amd64 localhost:5000/app AS x
                FROM docker-archive:/var/lib/ferry/base.tar
                """;

        assertThat(source(text).baseImageHosts()).containsExactly("localhost:5000", "registry.local");
    }

    @Test
    void mapsABuildersStepToItsLineCountingFromEachFromAndSkippingGlobalArgs() {
        String text = """
                ARG NODE=20
                FROM node:${NODE} AS deps
                # dependencies
                RUN npm ci

                FROM node:${NODE}
                COPY --from=deps /app /app
                RUN npm run build \\
                    && npm test
                """;

        assertThat(source(text).whereIsStep(1, 2)).isEqualTo("Dockerfile:4");
        assertThat(source(text).whereIsStep(2, 3)).isEqualTo("Dockerfile:8");
        assertThat(source(text).whereIsStep(3, 1))
                .as("no such step: the file, not a wrong line")
                .isEqualTo("Dockerfile");
    }

    private static DockerfileSource source(String text) {
        return new DockerfileSource(
                new BuildContext(Path.of("/tmp/context"), "c0ffee", List.of()), "Dockerfile", text, Map.of());
    }
}
