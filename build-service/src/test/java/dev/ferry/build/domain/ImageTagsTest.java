package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTagsTest {

    private static final String SHA = "8dfc6292a37757a2c6751de04fbd97a6fe52e7ad";

    @Test
    void rendersTheSeedsImmutableTagWithTheFullSha() {
        ImageTags tags =
                ImageTags.render("{service}-{sha}", List.of(), new TagInputs("user-service", SHA, null, List.of()));

        assertThat(tags.immutable()).isEqualTo("user-service-" + SHA);
        assertThat(tags.moving()).isEmpty();
    }

    @Test
    void rendersShortShas() {
        var inputs = new TagInputs("user-service", SHA, null, List.of());

        assertThat(ImageTags.render("{service}-{short-sha}", List.of(), inputs).immutable())
                .isEqualTo("user-service-8dfc629");
        assertThat(ImageTags.render("{service}-{sha:12}", List.of(), inputs).immutable())
                .isEqualTo("user-service-8dfc6292a377");
        assertThat(ImageTags.render("{service}-{git-sha}", List.of(), inputs).immutable())
                .isEqualTo("user-service-" + SHA);
    }

    @Test
    void addsMovingTagsForTheEnvironmentLatestAndTheSemverOfATaggedCommit() {
        ImageTags tags = ImageTags.render(
                "{service}-{sha}",
                List.of("{service}-{env}", "{service}-latest", "{service}-v{semver}"),
                new TagInputs(
                        "user-service", SHA, "Staging", List.of("not-a-version", "v1.2.0", "v1.10.0-rc.1", "v1.10.0")));

        assertThat(tags.moving())
                .containsExactly("user-service-staging", "user-service-latest", "user-service-v1.10.0");
        assertThat(tags.all()).first().isEqualTo("user-service-" + SHA);
    }

    @Test
    void leavesOutMovingTagsWhoseValuesTheBuildDoesNotHave() {
        ImageTags tags = ImageTags.render(
                "{service}-{sha}",
                List.of("{service}-{env}", "{service}-latest", "{service}-v{semver}"),
                new TagInputs("user-service", SHA, null, List.of("release-candidate")));

        assertThat(tags.moving()).containsExactly("user-service-latest");
    }

    @Test
    void dropsBuildMetadataFromSemverSinceTagsCannotHoldAPlus() {
        ImageTags tags = ImageTags.render(
                "{service}-{sha}",
                List.of("{service}-v{semver}"),
                new TagInputs("api", SHA, null, List.of("2.0.1+build.7")));

        assertThat(tags.moving()).containsExactly("api-v2.0.1");
    }

    @Test
    void refusesAnImmutableTemplateThatChangesForTheSameCommit() {
        assertThatThrownBy(() ->
                        ImageTags.render("{service}-{env}", List.of(), new TagInputs("api", SHA, "dev", List.of())))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("immutable tag template {service}-{env}");
    }

    @Test
    void namesUnknownPlaceholdersAndInvalidTags() {
        assertThatThrownBy(() ->
                        ImageTags.render("{service}-{commit}", List.of(), new TagInputs("api", SHA, null, List.of())))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("unknown placeholder {commit}");
        assertThatThrownBy(() ->
                        ImageTags.render("{service}/{sha}", List.of(), new TagInputs("api", SHA, null, List.of())))
                .isInstanceOf(BuildFailure.class)
                .hasMessageContaining("not a valid image tag");
    }

    @Test
    void refusesAbbreviatedCommits() {
        assertThatThrownBy(() -> new TagInputs("api", "8dfc629", null, List.of()))
                .hasMessageContaining("full hexadecimal SHA");
    }
}
