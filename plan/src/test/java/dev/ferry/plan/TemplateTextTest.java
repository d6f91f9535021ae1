package dev.ferry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextTest {

    private static final EnumSet<Placeholder> TAG = EnumSet.of(
            Placeholder.SERVICE, Placeholder.SHA, Placeholder.SHORT_SHA, Placeholder.SHA_PREFIX, Placeholder.GIT_SHA);

    @Test
    void acceptsTheKnownPlaceholdersAllowedHere() {
        assertThat(TemplateText.problem("{service}-{sha}", TAG)).isEmpty();
        assertThat(TemplateText.problem("{service}-{sha:8}", TAG)).isEmpty();
        assertThat(TemplateText.problem("{short-sha}", TAG)).isEmpty();
        assertThat(TemplateText.problem("v1.0.0", TAG)).isEmpty();
    }

    @Test
    void reportsAnUnknownPlaceholderWithTheClosestAllowedOne() {
        assertThat(TemplateText.problem("{servce}-{sha}", TAG))
                .contains("has an unknown placeholder {servce} (did you mean {service}?); usable here: {service}"
                        + " {sha} {git-sha} {short-sha} {sha:N}");
    }

    @Test
    void reportsAKnownPlaceholderThatHasNoValueHere() {
        assertThat(TemplateText.problem("{service}-{env}", TAG))
                .hasValueSatisfying(p -> assertThat(p).startsWith("cannot use {env} here"));
    }

    @Test
    void limitsShaPrefixesToUsefulLengths() {
        assertThat(TemplateText.problem("{sha:4}", TAG)).isEmpty();
        assertThat(TemplateText.problem("{sha:40}", TAG)).isEmpty();
        assertThat(TemplateText.problem("{sha:3}", TAG)).isPresent();
        assertThat(TemplateText.problem("{sha:41}", TAG)).isPresent();
    }

    @Test
    void reportsUnmatchedBraces() {
        assertThat(TemplateText.problem("{service", TAG))
                .hasValueSatisfying(p -> assertThat(p).startsWith("has an unmatched brace"));
        assertThat(TemplateText.problem("service}", TAG)).isPresent();
    }

    @Test
    void fillsOnlyTheGivenPlaceholders() {
        assertThat(TemplateText.fill("envs/{env}/{service}/{sha}.yaml", Map.of("service", "api", "env", "dev")))
                .isEqualTo("envs/dev/api/{sha}.yaml");
    }

    @Test
    void fillsValuesThatLookLikeRegexReplacements() {
        assertThat(TemplateText.fill("{service}", Map.of("service", "$1\\x"))).isEqualTo("$1\\x");
    }

    @Test
    void findsWhichPlaceholdersAreUsed() {
        assertThat(TemplateText.uses("{service}-{sha:8}", Placeholder.SHA_PREFIX))
                .isTrue();
        assertThat(TemplateText.uses("{service}-{sha:8}", Placeholder.SHA)).isFalse();
        assertThat(TemplateText.placeholders("a{service}b{env}")).containsExactly("service", "env");
    }

    @Test
    void findsFilePlaceholdersButLeavesShellActionsAndJsonBracesAsText() {
        String ci = "tag: {service}-${{ github.sha }} ${TAG} {\"a\": 1} src/{a,b} {{team}} {build-arg.X}";

        assertThat(TemplateText.inFile(ci))
                .containsExactly(
                        new TemplateText.FilePlaceholder("service", 5),
                        new TemplateText.FilePlaceholder("build-arg.X", ci.indexOf("{build-arg.X}")));
        assertThat(TemplateText.fillFile(ci, Map.of("service", "api", "TAG", "no", "team", "no", "build-arg.X", "1")))
                .isEqualTo("tag: api-${{ github.sha }} ${TAG} {\"a\": 1} src/{a,b} {{team}} 1");
    }
}
