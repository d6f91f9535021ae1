package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GlobTest {

    /** Only a guard against hanging: these patterns backtracked exponentially as regular expressions. */
    private static final Duration HANGING = Duration.ofSeconds(5);

    @Test
    void wildcardsStayWithinOneSegment() {
        assertThat(Glob.of("src/*.js").matches("src/index.js")).isTrue();
        assertThat(Glob.of("src/*.js").matches("src/lib/index.js")).isFalse();
        assertThat(Glob.of("src/?.js").matches("src/a.js")).isTrue();
        assertThat(Glob.of("src/?.js").matches("src/ab.js")).isFalse();
        assertThat(Glob.of("*").matches("a/b")).isFalse();
        assertThat(Glob.of("a*b*c").matches("abxbc")).isTrue();
        assertThat(Glob.of("a*b*c").matches("abxbcx")).isFalse();
    }

    @Test
    void doubleStarIsAnyNumberOfSegmentsIncludingNone() {
        Glob glob = Glob.of("config/**/secret?.json");

        assertThat(glob.matches("config/secret1.json")).isTrue();
        assertThat(glob.matches("config/a/b/c/secret1.json")).isTrue();
        assertThat(glob.matches("config/a/b/c/secret12.json")).isFalse();
        assertThat(Glob.of("**").matches("any/depth/at/all")).isTrue();
        assertThat(Glob.of("**/x").matches("x")).isTrue();
        assertThat(Glob.of("**.log").matches("logs/today/app.log"))
                .as("** within a segment is any characters at all")
                .isTrue();
        assertThat(Glob.of("a/**").matches("a")).isFalse();
    }

    @Test
    void readsCharacterClassesAsGoDoes() {
        assertThat(Glob.of("v[0-9]").matches("v7")).isTrue();
        assertThat(Glob.of("v[^0-9]").matches("v7")).isFalse();
        assertThat(Glob.of("v[!0-9]").matches("vx")).isTrue();
        assertThat(Glob.of("[]x]").matches("]")).as("a ] first is a member").isTrue();
        assertThat(Glob.of("a[\\]]").matches("a]")).isTrue();
        assertThat(Glob.of("star\\*").matches("star*")).isTrue();
        assertThat(Glob.of("star\\*").matches("starx")).isFalse();
        assertThatThrownBy(() -> Glob.of("v[0-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern 'v[0-9' has an unclosed [");
    }

    @Test
    void reportsTheMatchingDirectoriesAboveAPathShortestFirst() {
        assertThat(Glob.of("a/*").matchingPrefixes("a/b/c")).containsExactly(3);
        assertThat(Glob.of("a/**").matchingPrefixes("a/b/c")).containsExactly(3, 5);
        assertThat(Glob.of("**/b").matchingPrefixes("b/b/b")).containsExactly(1, 3, 5);
        assertThat(Glob.of("b").matchingPrefixes("a/b")).isEmpty();
    }

    @Test
    void manyStarsAgainstALongSegmentFinishWithoutBacktracking() {
        String longName = "a".repeat(100_000);
        Glob glob = Glob.of("a*a*a*a*a*a*a*a*a*a*a*a*b");

        boolean matched = assertTimeoutPreemptively(HANGING, () -> glob.matches(longName));

        assertThat(matched).isFalse();
        assertThat(glob.matches(longName + "b")).isTrue();
    }

    @Test
    void manyDoubleStarsAgainstADeepPathFinishWithoutBacktracking() {
        String deep = "d/".repeat(20_000);
        Glob glob = Glob.of("**/**/**/**/**/**/**/**/x");

        boolean matched = assertTimeoutPreemptively(HANGING, () -> glob.matches(deep + "y"));

        assertThat(matched).isFalse();
        assertThat(glob.matches(deep + "x")).isTrue();
    }

    @Test
    void manyAnyCharacterStarsFinishWithoutBacktracking() {
        String longPath = "a/".repeat(30_000) + "a";
        Glob glob = Glob.of("**a**a**a**a**a**a**a**a**b");

        boolean matched = assertTimeoutPreemptively(HANGING, () -> glob.matches(longPath));

        assertThat(matched).isFalse();
        assertThat(glob.matches(longPath + "b")).isTrue();
    }
}
