package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static ImageRecipe parse(String text) {
        return DockerfileParser.parse("services/user/Dockerfile", text, Map.of());
    }

    private static BuildFailure failure(String text) {
        try {
            parse(text);
        } catch (BuildFailure failure) {
            return failure;
        }
        throw new AssertionError("expected the Dockerfile to be refused");
    }

    @Test
    void readsEveryInstructionTheInProcessBuilderSupports() {
        ImageRecipe recipe = parse("""
                # syntax=docker/dockerfile:1
                FROM registry.example.com/base/node:20-slim AS runtime
                LABEL org.opencontainers.image.source="https://github.com/fitsync/user-service" team=identity
                ENV NODE_ENV=production PORT=4001
                WORKDIR /app
                COPY --chown=node:node package.json package-lock.json ./
                ADD src/ ./src/
                EXPOSE 4001 9090/udp
                USER node
                VOLUME ["/data"]
                ENTRYPOINT ["node", "src/index.js"]
                CMD ["--port", "4001"]
                """);

        assertThat(recipe.baseImage()).isEqualTo("registry.example.com/base/node:20-slim");
        assertThat(recipe.labels())
                .containsEntry("org.opencontainers.image.source", "https://github.com/fitsync/user-service")
                .containsEntry("team", "identity");
        assertThat(recipe.environment())
                .containsExactly(Map.entry("NODE_ENV", "production"), Map.entry("PORT", "4001"));
        assertThat(recipe.workingDirectory()).isEqualTo("/app");
        assertThat(recipe.copies())
                .extracting(CopyInstruction::sources, CopyInstruction::destination, CopyInstruction::owner)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                List.of("package.json", "package-lock.json"), "/app/", "node:node"),
                        org.assertj.core.groups.Tuple.tuple(List.of("src/"), "/app/src/", null));
        assertThat(recipe.copies().get(1).line()).isEqualTo(new SourceLine("services/user/Dockerfile", 7));
        assertThat(recipe.exposedPorts()).containsExactly("4001/tcp", "9090/udp");
        assertThat(recipe.user()).isEqualTo("node");
        assertThat(recipe.volumes()).containsExactly("/data");
        assertThat(recipe.entrypoint()).containsExactly("node", "src/index.js");
        assertThat(recipe.command()).containsExactly("--port", "4001");
    }

    @Test
    void refusesRunNamingFileLineAndTheBuilderThatCanDoIt() {
        BuildFailure failure = failure("""
                FROM node:20
                WORKDIR /app

                RUN npm ci
                """);

        assertThat(failure.kind()).isEqualTo(FailureKind.UNSUPPORTED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .startsWith("services/user/Dockerfile:4: RUN")
                .contains("container runtime")
                .contains("github-actions");
    }

    @Test
    void refusesAnEarlierStageThatRunsCommands() {
        BuildFailure failure = failure("""
                FROM node:20 AS build
                COPY . .
                RUN \\
                  npm ci && npm run build
                FROM node:20-slim
                COPY --from=build /app/dist /app
                """);

        assertThat(failure.reason()).startsWith("services/user/Dockerfile:3: RUN");
    }

    @Test
    void refusesCopyingFromAnotherStage() {
        BuildFailure failure = failure("""
                FROM node:20 AS build
                FROM node:20-slim
                COPY --from=build /app/dist /app
                """);

        assertThat(failure.reason())
                .startsWith("services/user/Dockerfile:3: COPY --from=build")
                .contains("github-actions");
    }

    @Test
    void usesTheLastStageAsTheImage() {
        ImageRecipe recipe = parse("""
                FROM alpine:3.20 AS tools
                ENV UNUSED=1
                FROM scratch
                COPY app /app
                """);

        assertThat(recipe.baseImage()).isEqualTo(ImageRecipe.SCRATCH);
        assertThat(recipe.environment()).isEmpty();
    }

    @Test
    void substitutesArgsInFromAndArgsAndEnvInsideTheStage() {
        ImageRecipe recipe = DockerfileParser.parse("Dockerfile", """
                ARG REGISTRY=docker.io
                ARG NODE_VERSION=18
                FROM ${REGISTRY}/library/node:${NODE_VERSION}-slim
                ARG NODE_VERSION
                ARG APP_DIR=/srv/app
                ENV VERSION=$NODE_VERSION HOME_DIR=${APP_DIR} MODE=${MODE:-prod} EXTRA=${NODE_VERSION:+yes}
                WORKDIR $HOME_DIR
                COPY dist/ ${HOME_DIR}/dist/
                LABEL literal='$NOT_SUBSTITUTED' escaped=\\$HOME_DIR
                """, Map.of("NODE_VERSION", "20"));

        assertThat(recipe.baseImage()).isEqualTo("docker.io/library/node:20-slim");
        assertThat(recipe.environment())
                .containsEntry("VERSION", "20")
                .containsEntry("HOME_DIR", "/srv/app")
                .containsEntry("MODE", "prod")
                .containsEntry("EXTRA", "yes");
        assertThat(recipe.workingDirectory()).isEqualTo("/srv/app");
        assertThat(recipe.copies().getFirst().destination()).isEqualTo("/srv/app/dist/");
        assertThat(recipe.labels()).containsEntry("literal", "$NOT_SUBSTITUTED").containsEntry("escaped", "$HOME_DIR");
    }

    @Test
    void aGlobalArgIsNotVisibleInsideAStageUnlessDeclaredAgain() {
        ImageRecipe recipe = parse("""
                ARG VERSION=1.0
                FROM base:${VERSION}
                ENV SEEN=${VERSION}
                """);

        assertThat(recipe.baseImage()).isEqualTo("base:1.0");
        assertThat(recipe.environment()).containsEntry("SEEN", "");
    }

    @Test
    void readsShellFormCommandsAndLegacyEnv() {
        ImageRecipe recipe = parse("""
                FROM node:20
                ENV GREETING hello big world
                ENTRYPOINT node server.js --verbose
                """);

        assertThat(recipe.environment()).containsEntry("GREETING", "hello big world");
        assertThat(recipe.entrypoint()).containsExactly("/bin/sh", "-c", "node server.js --verbose");
        assertThat(recipe.command())
                .as("ENTRYPOINT without CMD drops the base image's CMD")
                .isEmpty();
    }

    @Test
    void keepsTheBaseImagesCommandWhenNothingSetsIt() {
        ImageRecipe recipe = parse("FROM node:20\nCOPY a /a\n");

        assertThat(recipe.entrypoint()).isNull();
        assertThat(recipe.command()).isNull();
        assertThat(recipe.workingDirectory()).isNull();
    }

    @Test
    void resolvesRelativeWorkdirsAgainstThePreviousOne() {
        ImageRecipe recipe = parse("FROM x\nWORKDIR /srv\nWORKDIR app/../web\nCOPY a .\n");

        assertThat(recipe.workingDirectory()).isEqualTo("/srv/web");
        assertThat(recipe.copies().getFirst().destination()).isEqualTo("/srv/web");
    }

    @Test
    void readsChmodAndExpandsPortRanges() {
        ImageRecipe recipe =
                parse("FROM x\nCOPY --chmod=0755 --chown=1000:1000 run.sh /usr/local/bin/\nEXPOSE 8000-8002\n");

        assertThat(recipe.copies().getFirst().mode()).isEqualTo("755");
        assertThat(recipe.copies().getFirst().owner()).isEqualTo("1000:1000");
        assertThat(recipe.exposedPorts()).containsExactly("8000/tcp", "8001/tcp", "8002/tcp");
    }

    @Test
    void refusesInstructionsItCannotExpressWithTheirLine() {
        assertThat(failure("FROM x\nHEALTHCHECK CMD curl -f http://localhost/\n")
                        .reason())
                .startsWith("services/user/Dockerfile:2: HEALTHCHECK")
                .contains("github-actions");
        assertThat(failure("FROM x\nADD https://example.com/app.jar /app.jar\n").reason())
                .startsWith("services/user/Dockerfile:2: ADD of a URL");
        assertThat(failure("FROM x\nADD vendor.tar.gz /opt/\n").reason())
                .startsWith("services/user/Dockerfile:2: ADD of an archive");
        assertThat(failure("FROM x\nCOPY <<EOF /etc/motd\nhello\nEOF\n").reason())
                .startsWith("services/user/Dockerfile:2: COPY of a here-document");
    }

    @Test
    void explainsMalformedInput() {
        assertThat(failure("ENV A=1\nFROM x\n").reason())
                .isEqualTo("services/user/Dockerfile:1: ENV before the first FROM; only ARG may come before it");
        assertThat(failure("FROM x\nEXPOSE http\n").reason())
                .contains(":2: EXPOSE is malformed")
                .contains("'http'");
        assertThat(failure("FROM x\nCOPY onlyone\n").reason()).contains(":2: COPY needs at least one source");
        assertThat(failure("FROM x\nFETCH y\n").reason()).contains(":2: unknown instruction FETCH");
        assertThat(failure("# nothing here\n").kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure("FROM x\nCOPY --chmod=rwx a /a\n").reason()).contains("not an octal mode");
    }

    @Test
    void honoursTheEscapeDirective() {
        ImageRecipe recipe = parse("# escape=`\nFROM x\nENV A=1 `\n  B=2\n");

        assertThat(recipe.environment()).containsEntry("A", "1").containsEntry("B", "2");
    }
}
