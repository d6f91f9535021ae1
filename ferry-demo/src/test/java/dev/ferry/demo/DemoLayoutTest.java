package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.CliFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLayoutTest {

    @TempDir
    Path dir;

    @Test
    void refusesADirectoryItDidNotMakeAndDeletesNothingInIt() throws Exception {
        Path someoneElses = Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> new DemoLayout(dir).prepare())
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("not made by `ferry demo`")
                .hasMessageContaining("--data-dir");
        assertThat(someoneElses).hasContent("years of work");
    }

    @Test
    void emptiesAnEarlierDemoBeforeTheNextRun() throws Exception {
        var layout = new DemoLayout(dir.resolve("demo"));
        layout.prepare();
        Files.createDirectories(layout.images());
        Files.writeString(layout.images().resolve("old.tar"), "an earlier run's image");

        layout.prepare();

        assertThat(layout.images()).doesNotExist();
        assertThat(layout.root().resolve(DemoLayout.MARKER)).exists();
    }
}
