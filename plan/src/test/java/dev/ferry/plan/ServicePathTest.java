package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServicePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"services/user-service", "frontend", "a/b/c", "services/.config", "v1..2"})
    void acceptsRelativeNormalisedPaths(String path) {
        assertThat(ServicePath.problem(path)).isEmpty();
        assertThat(ServicePath.of(path).value()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/services/api", "C:/services/api", "~/api"})
    void rejectsAbsolutePaths(String path) {
        assertThat(ServicePath.problem(path))
                .hasValueSatisfying(p -> assertThat(p).startsWith("is absolute"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../api", "services/../../api", "services/.."})
    void rejectsPathsOutsideTheRepository(String path) {
        assertThat(ServicePath.problem(path))
                .hasValueSatisfying(p -> assertThat(p).startsWith("leaves the repository"));
    }

    @Test
    void rejectsEmptyPaths() {
        assertThat(ServicePath.problem(""))
                .hasValueSatisfying(p -> assertThat(p).startsWith("is empty"));
        assertThat(ServicePath.problem("  "))
                .hasValueSatisfying(p -> assertThat(p).startsWith("is empty"));
    }

    @Test
    void rejectsPathsThatAreNotNormalisedAndSaysHowToWriteThem() {
        assertThat(ServicePath.problem("a//b")).contains("is not normalised; write \"a/b\"");
        assertThat(ServicePath.problem("./a")).contains("is not normalised; write \"a\"");
        assertThat(ServicePath.problem("a/")).contains("is not normalised; write \"a\"");
        assertThat(ServicePath.problem("a/./b")).contains("is not normalised; write \"a/b\"");
    }

    @Test
    void rejectsBackslashes() {
        assertThat(ServicePath.problem("services\\api"))
                .contains("uses backslashes; write \"services/api\" with forward slashes");
    }

    @Test
    void refusesToBuildAnInvalidPath() {
        assertThatThrownBy(() -> ServicePath.of("../api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("service path \"../api\" leaves the repository");
    }
}
