package dev.ferry.repo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitLayoutTest {

    @Test
    void readsMovesAsPlansWriteThem() {
        assertThat(PathMove.parse("libs/common/ -> common/")).isEqualTo(new PathMove("libs/common", "common"));
        assertThat(PathMove.parse("services/user/ -> ./")).isEqualTo(new PathMove("services/user", ""));
        assertThat(PathMove.parse("libs/common")).isEqualTo(new PathMove("libs/common", "libs/common"));
    }

    @Test
    void aMultiPathLayoutSurvivesItsKey() {
        var layout = SplitLayout.of(
                List.of(PathMove.parse("libs/common/ -> common/"), PathMove.parse("services/user/ -> ./")));

        assertThat(SplitLayout.parse(layout.key())).isEqualTo(layout);
        assertThat(layout.isSubdirectory()).isFalse();
    }

    @Test
    void aOneDirectoryLayoutIsKeyedByItsPath() {
        var layout = SplitLayout.subdirectory(ServicePath.of("services/user"));

        assertThat(layout.key()).isEqualTo("services/user");
        assertThat(SplitLayout.parse("services/user")).isEqualTo(layout);
        assertThat(SplitLayout.parse(
                        SplitLayout.underDirectory(ServicePath.of("apps/api")).key()))
                .isEqualTo(SplitLayout.underDirectory(ServicePath.of("apps/api")));
    }

    @Test
    void refusesADirectoryListedInsideAnother() {
        assertThatThrownBy(() -> SplitLayout.of(
                        List.of(PathMove.parse("libs/ -> libs/"), PathMove.parse("libs/common/ -> common/"))))
                .hasMessageContaining("paths libs and libs/common overlap");
    }

    @Test
    void refusesMovesOutOfTheRepository() {
        assertThatThrownBy(() -> PathMove.parse("libs/common/ -> ../common/"))
                .hasMessageContaining("path move \"libs/common/ -> ../common/\"")
                .hasMessageContaining("'..'");
    }
}
