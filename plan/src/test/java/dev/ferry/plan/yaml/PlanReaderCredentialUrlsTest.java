package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.plan.MigrationPlan;
import org.junit.jupiter.api.Test;

/** A URL with a token in it is refused where it is written, and the problem never repeats the token. */
class PlanReaderCredentialUrlsTest {

    private static final String TOKEN = "ghp_leaked0123456789";

    @Test
    void refusesATokenInTheSourceTargetAndGitopsUrlsWithoutRepeatingIt() {
        String plan = validWith(
                        "    repository: https://github.com/acme/shop.git",
                        "    repository: https://x-access-token:" + TOKEN + "@github.com/acme/shop.git")
                .replace(
                        "      repository: https://github.com/acme/shop-{service}.git",
                        "      repository: https://" + TOKEN + "@github.com/acme/shop-{service}.git")
                .replace(
                        "    repository: https://github.com/acme/gitops.git",
                        "    repository: https://bot:" + TOKEN + "@github.com/acme/gitops.git");

        assertThat(problems(plan))
                .hasSize(3)
                .allSatisfy(problem -> assertThat(problem)
                        .contains("has a credential in it", "credentialRef")
                        .doesNotContain(TOKEN))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("plan.yaml:7:17 source.repository:")
                        .contains("\"https://***@github.com/acme/shop.git\""));
    }

    @Test
    void takesAnSshUserWithoutASecret() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml",
                validWith(
                        "    repository: https://github.com/acme/shop.git",
                        "    repository: ssh://git@github.com/acme/shop.git"));

        assertThat(plan.source().repository()).isEqualTo("ssh://git@github.com/acme/shop.git");
    }

    @Test
    void refusesATokenInAWebhookUrl() {
        assertThat(problems(PlanReaderConfigureRepositoryTest.withConfigure(
                        "      webhookUrl: https://ferry:" + TOKEN + "@ferry.example.com/webhooks/github\n")))
                .singleElement()
                .asString()
                .contains("phases[1].webhookUrl", "has a credential in it")
                .doesNotContain(TOKEN);
    }
}
