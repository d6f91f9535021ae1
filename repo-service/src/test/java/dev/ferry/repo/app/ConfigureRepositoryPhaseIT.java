package dev.ferry.repo.app;

import static dev.ferry.repo.app.Results.outputs;
import static dev.ferry.repo.app.Results.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.repo.RepoApplication;
import dev.ferry.repo.github.GithubStandIn;
import dev.ferry.repo.github.Libsodium;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * repo-service as deployed, on a real Kafka broker, configuring two GitHub repositories on the stateful stand-in and
 * skipping a third that is not on GitHub: protection, description, topics, variables, secrets (opened with libsodium)
 * and Ferry's webhook once, nothing but the secrets the second time; a secret reference without a value and a token
 * without admin rights failing the step as AUTHENTICATION, a webhook without a secret as invalid input. No secret
 * value reaches a published record or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigureRepositoryPhaseIT {

    private static final String TOKEN = "ghp_configure-token-5f3a";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-7c1e";
    private static final String GITOPS = "ghp_gitops-token-9d2b";
    private static final String HOOK_SECRET = "hook-shared-secret-4e8f";
    private static final String WEBHOOK = "https://ferry.example.com/webhooks/github";

    private static Libsodium.KeyPair keys;
    private static GithubStandIn github;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        keys = Libsodium.generate();
        github = GithubStandIn.start(keys);
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @BeforeEach
    void repositories() {
        github.reset();
        github.repository("acme", "a");
        github.repository("acme", "b");
    }

    @Test
    void configuresEachGithubRepositoryOnceAndSkipsOneElsewhere(CapturedOutput output) throws Exception {
        try (var context = boot()) {
            String first = "it-" + UUID.randomUUID();
            PhaseStarted phase = Phases.configureRepository(first, services(), settings(Map.of()));
            List<StepSucceeded> done = succeeded(publish(context, phase, first, 3));

            for (String service : List.of("a", "b")) {
                assertThat(outputs(done, service))
                        .containsEntry(
                                "settingsChanged",
                                "protection,description,topics,teams.platform,variables.AWS_REGION,webhook")
                        .containsEntry("secretsWritten", "AWS_ROLE_ARN,GITOPS_TOKEN")
                        .containsKey("webhookId");
                GithubStandIn.Repository repository = github.repository("acme", service);
                assertThat(Libsodium.open(repository.secrets.get("AWS_ROLE_ARN"), keys))
                        .isEqualTo(ROLE);
                assertThat(Libsodium.open(repository.secrets.get("GITOPS_TOKEN"), keys))
                        .isEqualTo(GITOPS);
                assertThat(repository.hookSecrets).containsValue(HOOK_SECRET);
            }
            github.server()
                    .verify(WireMock.patchRequestedFor(WireMock.urlEqualTo("/repos/acme/b"))
                            .withRequestBody(WireMock.equalToJson("{\"description\": \"The b service\"}")));
            assertThat(outputs(done, "c"))
                    .containsEntry("settingsChanged", "")
                    .containsEntry("secretsWritten", "")
                    .hasEntrySatisfying("skipped", reason -> assertThat(reason)
                            .contains("https://git.example.com/acme/c.git is not a GitHub repository"));

            github.server().resetRequests();
            String second = "it-" + UUID.randomUUID();
            List<StepSucceeded> again = succeeded(
                    publish(context, Phases.configureRepository(second, services(), settings(Map.of())), second, 3));
            assertThat(outputs(again, "a"))
                    .as("the same phase again changes no setting")
                    .contains(entry("settingsChanged", ""), entry("secretsWritten", "AWS_ROLE_ARN,GITOPS_TOKEN"));
            assertThat(github.server().getAllServeEvents())
                    .extracting(event -> event.getRequest().getMethod().getName())
                    .containsOnly("GET", "PUT");
            assertThat(github.repository("acme", "a").hooks()).hasSize(1);

            assertNoSecretIn(all(first), output);
            assertNoSecretIn(all(second), output);
        }
    }

    @Test
    void failsNamingASecretReferenceThatHasNoValueAndWritesNothing(CapturedOutput output) throws Exception {
        try (var context = boot()) {
            String migration = "it-" + UUID.randomUUID();
            var settings = settings(Map.of("secrets.DEPLOY_KEY", "nowhere"));
            List<SpecificRecord> results = publish(
                    context, Phases.configureRepository(migration, services().subList(0, 1), settings), migration, 1);

            StepFailed failed = (StepFailed) results.getFirst();
            assertThat(failed.getAction()).isEqualTo(PhaseAction.CONFIGURE_REPOSITORY);
            assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(failed.getRetryable()).isFalse();
            assertThat(failed.getReason())
                    .contains("credential reference \"nowhere\" (Actions secret DEPLOY_KEY) has no value configured");
            assertThat(github.server().getAllServeEvents()).isEmpty();
            assertNoSecretIn(all(migration), output);

            String unsigned = "it-" + UUID.randomUUID();
            var noSecret = settings(Map.of());
            noSecret.remove("webhookSecretRef");
            StepFailed refused = (StepFailed) publish(
                            context,
                            Phases.configureRepository(unsigned, services().subList(0, 1), noSecret),
                            unsigned,
                            1)
                    .getFirst();
            assertThat(refused.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(refused.getReason()).contains("webhookUrl but no webhookSecretRef");
            assertThat(github.server().getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void failsNamingThePermissionATokenWithoutAdminRightsLacks() throws Exception {
        github.stage("PUT", "/repos/acme/a/branches/main/protection", 403, Map.of());
        try (var context = boot()) {
            String migration = "it-" + UUID.randomUUID();
            List<SpecificRecord> results = publish(
                    context,
                    Phases.configureRepository(migration, services().subList(0, 1), settings(Map.of())),
                    migration,
                    1);

            StepFailed failed = (StepFailed) results.getFirst();
            assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(failed.getRetryable()).isFalse();
            assertThat(failed.getReason())
                    .contains("GitHub refused the token to set branch protection of main on acme/a (HTTP 403)")
                    .contains("Administration: write")
                    .doesNotContain(TOKEN);
        }
    }

    private static void assertNoSecretIn(List<SpecificRecord> records, CapturedOutput output) {
        for (String value : List.of(TOKEN, ROLE, GITOPS, HOOK_SECRET)) {
            assertThat(records)
                    .allSatisfy(record -> assertThat(record.toString()).doesNotContain(value));
            assertThat(output.getAll()).doesNotContain(value);
        }
    }

    /** Every record of the migration on every topic. */
    private static List<SpecificRecord> all(String migration) {
        return Results.await(migration, 1, Topics.all().toArray(Topic<?>[]::new));
    }

    private static LinkedHashMap<String, String> settings(Map<String, String> extra) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("description", "The {service} service");
        settings.put("topics.1", "fitsync");
        settings.put("topics.2", "microservice");
        settings.put("requiredChecks.1", "build");
        settings.put("requiredReviews", "1");
        settings.put("secrets.AWS_ROLE_ARN", "aws-role");
        settings.put("secrets.GITOPS_TOKEN", "gitops");
        settings.put("variables.AWS_REGION", "eu-west-1");
        settings.put("teams.platform", "push");
        settings.put("webhookUrl", WEBHOOK);
        settings.put("webhookSecretRef", "ferry-webhook");
        settings.putAll(extra);
        return settings;
    }

    private static List<ServiceWork> services() {
        return List.of(
                Phases.service("a", "unused", "svc/a", githubTarget("a")),
                Phases.service("b", "unused", "svc/b", githubTarget("b")),
                Phases.service(
                        "c",
                        "unused",
                        "svc/c",
                        TargetRepository.newBuilder()
                                .setRepository("https://git.example.com/acme/c.git")
                                .setCredentialRef("github")
                                .build()));
    }

    private static TargetRepository githubTarget(String name) {
        return TargetRepository.newBuilder()
                .setRepository("http://" + github.host() + "/acme/" + name + ".git")
                .setCredentialRef("github")
                .build();
    }

    private ConfigurableApplicationContext boot() {
        return ServiceBoot.start(
                RepoApplication.class,
                "--ferry.repo.data-directory=" + dir.resolve("data"),
                "--ferry.repo.github-api=" + github.baseUrl(),
                "--ferry.repo.github-hosts=" + github.host(),
                "--ferry.credentials.github=" + TOKEN,
                "--ferry.credentials.aws-role=" + ROLE,
                "--ferry.credentials.gitops=" + GITOPS,
                "--ferry.credentials.ferry-webhook=" + HOOK_SECRET);
    }

    private static List<SpecificRecord> publish(
            ConfigurableApplicationContext context, PhaseStarted phase, String migration, int results)
            throws Exception {
        context.getBean(EventPublisher.class).publish(phase).get();
        return Results.await(migration, results, Topics.STEP_SUCCEEDED, Topics.STEP_FAILED);
    }
}
