package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyPlannerTest {

    private static final List<String> CONTEXT = List.of(
            "Dockerfile",
            "build/libs/app-1.0.jar",
            "build/libs/app-1.0-plain.jar",
            "config/app.yaml",
            "config/prod/app.yaml",
            "package.json");

    private static List<FileCopy> plan(String dockerfileLine) {
        ImageRecipe recipe = DockerfileParser.parse("Dockerfile", "FROM x\nWORKDIR /app\n" + dockerfileLine, Map.of());
        return CopyPlanner.plan(recipe.copies().getFirst(), ContextFiles.of(CONTEXT));
    }

    @Test
    void copiesAFileToTheNamedPath() {
        assertThat(plan("COPY package.json pkg.json"))
                .containsExactly(new FileCopy("package.json", "/app/pkg.json", null, null));
    }

    @Test
    void copiesAFileIntoADirectoryDestination() {
        assertThat(plan("COPY package.json ./")).extracting(FileCopy::target).containsExactly("/app/package.json");
    }

    @Test
    void copiesADirectorysContentsNotTheDirectoryItself() {
        assertThat(plan("COPY config /etc/svc"))
                .extracting(FileCopy::target)
                .containsExactly("/etc/svc/app.yaml", "/etc/svc/prod/app.yaml");
    }

    @Test
    void wildcardsMatchWithinOneLevelAndCopyIntoTheDestination() {
        assertThat(plan("COPY --chown=1000 build/libs/*-plain.jar /opt/"))
                .containsExactly(new FileCopy("build/libs/app-1.0-plain.jar", "/opt/app-1.0-plain.jar", "1000", null));
    }

    @Test
    void dotCopiesTheWholeContext() {
        assertThat(plan("COPY . ."))
                .hasSize(CONTEXT.size())
                .extracting(FileCopy::target)
                .contains("/app/config/prod/app.yaml");
    }

    @Test
    void failsWithTheLineWhenASourceMatchesNothing() {
        assertThatThrownBy(() -> plan("COPY dist/ ./dist/"))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("Dockerfile:3: source 'dist/' matches no file in the build context")
                .hasMessageContaining(".dockerignore");
    }

    @Test
    void refusesSourcesOutsideTheContext() {
        assertThatThrownBy(() -> plan("COPY ../secrets /s"))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("Dockerfile:3")
                .hasMessageContaining("outside the build context");
    }
}
