package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.VALID;
import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.withPhase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.TagImage;
import org.junit.jupiter.api.Test;

/** A tag-image phase: its tag, and a deploy to its environment before it, so only a verified image gets the tag. */
class PlanReaderTagImageTest {

    @Test
    void readsTheTagAndTheEnvironmentWhoseDeployItFollows() {
        var phase = PlanReader.read(
                        "plan.yaml",
                        withPhase("tag-image", "      environment: prod\n      tag: \"{service}-{env}\"\n"))
                .phase("extra")
                .orElseThrow();

        assertThat(phase.action()).isEqualTo(Actions.TAG_IMAGE);
        assertThat(phase.environment()).isEqualTo("prod");
        assertThat(TagImage.tagFor(phase.settings().get(TagImage.TAG), "api", phase.environment()))
                .isEqualTo("api-prod");
    }

    @Test
    void refusesATagImageWithNoDeployToItsEnvironmentBefore() {
        String plan = VALID + "    - name: extra\n      action: tag-image\n      dependsOn: [build]\n"
                + "      environment: prod\n      tag: \"{service}-{env}\"\n";

        assertThat(problems(plan)).singleElement().satisfies(problem -> assertThat(problem)
                .contains("phases[4].dependsOn")
                .contains("moves the tag to what a deploy to prod verified; add that deploy phase to" + " dependsOn"));
    }

    @Test
    void refusesATagImageAfterADeployOfAFixedTagWhichKnowsNoDigest() {
        String fixedTag = VALID.replace(
                "    repository: acme\n", "    repository: acme\n    tagTemplate: \"{service}-v1.0.0\"\n");
        String plan = fixedTag.substring(0, fixedTag.indexOf("  phases:")) + "  phases:\n"
                + "    - name: deploy-prod\n      action: deploy\n      environment: prod\n"
                + "    - name: tag-prod\n      action: tag-image\n      dependsOn: [deploy-prod]\n"
                + "      environment: prod\n      tag: \"{service}-{env}\"\n";

        assertThat(problems(plan)).singleElement().satisfies(problem -> assertThat(problem)
                .contains("phases[1].dependsOn")
                .contains("moves the tag to the digest a build pushed, but no build phase comes before it"));
    }

    @Test
    void refusesATagWithAPlaceholderThatHasNoValueBeforeTheRun() {
        assertThat(problems(withPhase("tag-image", "      environment: prod\n      tag: \"{service}-{sha}\"\n")))
                .singleElement()
                .satisfies(
                        problem -> assertThat(problem).contains("phases[4].tag").contains("cannot use {sha} here"));
    }

    @Test
    void refusesATagThatIsNoImageTagOnceFilledIn() {
        assertThat(problems(withPhase("tag-image", "      environment: prod\n      tag: \"{service}/{env}\"\n")))
                .singleElement()
                .satisfies(problem -> assertThat(problem).contains("is not a valid image tag once filled in"));
    }
}
