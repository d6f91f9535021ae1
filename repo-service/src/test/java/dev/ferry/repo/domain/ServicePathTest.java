package dev.ferry.repo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServicePathTest {

    @Test
    void acceptsARelativeNormalisedDirectory() {
        assertThat(ServicePath.of("services/user-service").segments()).containsExactly("services", "user-service");
    }

    @Test
    void rejectsPathsOutsideTheRepository() {
        assertThatThrownBy(() -> ServicePath.of("services/../../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("services/../../etc")
                .hasMessageContaining("leaves the repository");
    }

    @Test
    void rejectsAbsolutePaths() {
        assertThatThrownBy(() -> ServicePath.of("/srv/app")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ServicePath.of("C:/work")).hasMessageContaining("absolute");
    }

    @Test
    void rejectsEmptyPaths() {
        assertThatThrownBy(() -> ServicePath.of(" ")).hasMessageContaining("empty");
    }

    @Test
    void rejectsUnnormalisedPathsAndSaysHowToWriteThem() {
        assertThatThrownBy(() -> ServicePath.of("services//api/"))
                .hasMessageContaining("not normalised")
                .hasMessageContaining("services/api");
        assertThatThrownBy(() -> ServicePath.of("./services")).hasMessageContaining("write it as services");
    }

    @Test
    void rejectsGitsOwnDirectoryAndBackslashes() {
        assertThatThrownBy(() -> ServicePath.of(".git/hooks")).hasMessageContaining("git's own metadata");
        assertThatThrownBy(() -> ServicePath.of("services\\api")).hasMessageContaining("'/'");
    }
}
