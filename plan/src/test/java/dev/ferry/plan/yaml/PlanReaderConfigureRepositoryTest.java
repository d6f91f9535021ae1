package dev.ferry.plan.yaml;

import static dev.ferry.plan.yaml.Plans.problems;
import static dev.ferry.plan.yaml.Plans.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.ConfigureRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configure-repository phase: its fields as settings on the wire, and the refusal of an unsafe webhook URL. */
class PlanReaderConfigureRepositoryTest {

    static final String FIELDS = """
                  description: The {service} service
                  topics: [fitsync, microservice]
                  requiredChecks: [build]
                  requiredReviews: 1
                  secrets: {AWS_ROLE_ARN: aws-role, GITOPS_TOKEN: gitops}
                  variables: {AWS_REGION: eu-west-1}
                  teams: {platform: push}
                  webhookUrl: https://ferry.example.com/webhooks/github
                  webhookSecretRef: ferry-webhook
            """;

    /** {@link Plans#VALID} with a configure-repository phase after the split (phases[1]). */
    static String withConfigure(String fields) {
        return validWith(
                "    - name: build\n",
                "    - name: configure\n      action: configure-repository\n      dependsOn: [split]\n" + fields
                        + "    - name: build\n");
    }

    @Test
    void readsEveryFieldIntoNamedSettings() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withConfigure(FIELDS));

        PhaseDefinition configure = plan.phase("configure").orElseThrow();
        assertThat(configure.action()).isEqualTo(Actions.CONFIGURE_REPOSITORY);
        assertThat(configure.settings())
                .containsOnly(
                        entry("description", "The {service} service"),
                        entry("topics.1", "fitsync"),
                        entry("topics.2", "microservice"),
                        entry("requiredChecks.1", "build"),
                        entry("requiredReviews", "1"),
                        entry("secrets.AWS_ROLE_ARN", "aws-role"),
                        entry("secrets.GITOPS_TOKEN", "gitops"),
                        entry("variables.AWS_REGION", "eu-west-1"),
                        entry("teams.platform", "push"),
                        entry("webhookUrl", "https://ferry.example.com/webhooks/github"),
                        entry("webhookSecretRef", "ferry-webhook"));
        assertThat(ConfigureRepository.secrets(configure.settings()))
                .containsExactly(entry("AWS_ROLE_ARN", "aws-role"), entry("GITOPS_TOKEN", "gitops"));
        assertThat(ConfigureRepository.topics(configure.settings())).containsExactly("fitsync", "microservice");
    }

    @Test
    void dryRunSaysWhatItWouldConfigureWithoutAnyValue() {
        MigrationPlan plan = PlanReader.read("plan.yaml", withConfigure(FIELDS));

        assertThat(DryRun.describe(plan))
                .contains("configure -> protect the default branch (checks [build], 1 reviews, no force"
                        + " pushes); secrets AWS_ROLE_ARN, GITOPS_TOKEN; variables AWS_REGION; teams platform (push);"
                        + " topics fitsync,"
                        + " microservice; description; webhook to https://ferry.example.com/webhooks/github on"
                        + " https://github.com/acme/shop-api.git");
    }

    @Test
    void refusesAWebhookUrlThatIsNotHttpsOutsideLocalhost() {
        assertThat(problems(withConfigure("      webhookUrl: http://ferry.example.com/webhooks/github\n")))
                .singleElement()
                .asString()
                .contains("phases[1].webhookUrl: \"http://ferry.example.com/webhooks/github\" is not https");
    }

    @Test
    void takesPlainHttpOnLocalhost() {
        MigrationPlan plan = PlanReader.read(
                "plan.yaml", withConfigure("      webhookUrl: http://localhost:8080/webhooks/github\n"));

        assertThat(plan.phase("configure").orElseThrow().settings())
                .containsEntry("webhookUrl", "http://localhost:8080/webhooks/github");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/webhooks/github",
                "http://[::1]/webhooks/github",
                "https://ferry.example.com:8443/webhooks/github"
            })
    void takesHttpsAndLoopbackUrls(String url) {
        MigrationPlan plan = PlanReader.read("plan.yaml", withConfigure("      webhookUrl: \"" + url + "\"\n"));

        assertThat(plan.phase("configure").orElseThrow().settings()).containsEntry("webhookUrl", url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"ftp://ferry.example.com/h", "http://localhost.example.com/h", "https://", "/webhooks/github"})
    void refusesOtherUrls(String url) {
        assertThat(problems(withConfigure("      webhookUrl: \"" + url + "\"\n")))
                .singleElement()
                .asString()
                .contains("phases[1].webhookUrl: \"" + url + "\" is not");
    }
}
