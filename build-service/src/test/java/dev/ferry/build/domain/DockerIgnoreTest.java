package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @Test
    void excludesMatchingFilesAndEverythingUnderMatchingDirectories() {
        DockerIgnore ignore = DockerIgnore.parse("""
                # build output and dependencies
                node_modules
                /dist
                *.log
                """);

        assertThat(ignore.excludes("node_modules/express/index.js")).isTrue();
        assertThat(ignore.excludes("dist/app.js")).isTrue();
        assertThat(ignore.excludes("debug.log")).isTrue();
        assertThat(ignore.excludes("src/debug.log")).as("* stops at a slash").isFalse();
        assertThat(ignore.excludes("src/index.js")).isFalse();
    }

    @Test
    void theLastMatchingRuleWinsAndBangReincludes() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\nREADME*.md\n!README-keep.md\n");

        assertThat(ignore.excludes("CHANGELOG.md")).isTrue();
        assertThat(ignore.excludes("README.md")).isTrue();
        assertThat(ignore.excludes("README-keep.md")).isFalse();
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectories() {
        DockerIgnore ignore = DockerIgnore.parse("**/*.test.js\nconfig/**/secret?.json\n");

        assertThat(ignore.excludes("a.test.js")).isTrue();
        assertThat(ignore.excludes("src/deep/er/b.test.js")).isTrue();
        assertThat(ignore.excludes("config/secret1.json")).isTrue();
        assertThat(ignore.excludes("config/prod/eu/secret2.json")).isTrue();
        assertThat(ignore.excludes("config/prod/eu/secret22.json")).isFalse();
    }

    @Test
    void readsCharacterClassesAndEscapes() {
        DockerIgnore ignore = DockerIgnore.parse("file[0-9].txt\nname[^a].txt\nliteral\\*.txt\n");

        assertThat(ignore.excludes("file7.txt")).isTrue();
        assertThat(ignore.excludes("filex.txt")).isFalse();
        assertThat(ignore.excludes("nameb.txt")).isTrue();
        assertThat(ignore.excludes("namea.txt")).isFalse();
        assertThat(ignore.excludes("literal*.txt")).isTrue();
        assertThat(ignore.excludes("literalx.txt")).isFalse();
    }

    @Test
    void aReincludedFileInsideAnExcludedDirectoryIsKept() {
        DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/openapi.yaml\n");

        assertThat(ignore.excludes("docs/guide.md")).isTrue();
        assertThat(ignore.excludes("docs/openapi.yaml")).isFalse();
    }

    @Test
    void cleansPatternsLikePaths() {
        DockerIgnore ignore = DockerIgnore.parse("./build/../tmp/\n  \n");

        assertThat(ignore.excludes("tmp/x")).isTrue();
        assertThat(ignore.excludes("build/x")).isFalse();
        assertThat(DockerIgnore.none().excludes("anything")).isFalse();
    }

    @Test
    void aPathologicalPatternAgainstALongDeepPathIsDecidedInLinearTime() {
        DockerIgnore ignore = DockerIgnore.parse("**/**/**/**/a*a*a*a*a*a*a*a*b\n!**/**/**/keep\n");
        String path = "a/".repeat(5_000) + "a".repeat(50_000);

        // Only a guard against hanging; the regular expressions these patterns used to be never finished.
        boolean excluded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ignore.excludes(path));

        assertThat(excluded).isFalse();
        assertThat(ignore.excludes(path + "b")).isTrue();
        assertThat(ignore.excludes("x/aaaaaaaab/other")).isTrue();
        assertThat(ignore.excludes("x/aaaaaaaab/keep")).isFalse();
    }

    @Test
    void namesTheLineOfAMalformedPattern() {
        assertThatThrownBy(() -> DockerIgnore.parse("# build output\ndist\nlogs/[0-9.log\n"))
                .isInstanceOf(BuildFailure.class)
                .hasMessage(".dockerignore:3: pattern 'logs/[0-9.log' has an unclosed [")
                .extracting(failure -> ((BuildFailure) failure).kind())
                .isEqualTo(FailureKind.INVALID_INPUT);
    }
}
