package dev.ferry.repo.github;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ferry.repo.domain.SplitFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Repository settings against the GitHub stand-in: the exact requests the first time, reads only the second time
 * (secrets excepted, which GitHub cannot show), the webhook moved when its URL changes, a refusal naming the missing
 * permission, and the secondary rate limit waited out.
 */
class GithubSettingsTest {

    private static final String TOKEN = "ghp_settings-token";
    private static final String ROOT = "/repos/acme/users";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-users";

    private static Libsodium.KeyPair keys;
    private static GithubStandIn github;
    private final List<Duration> waits = new ArrayList<>();
    private GithubStandIn.Repository repository;
    private GithubSettings settings;

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
    void fresh() {
        github.reset();
        settings = new GithubSettings(
                URI.create(github.baseUrl()),
                HttpClient.newHttpClient(),
                waits::add,
                new SealedBox(new SecureRandom()));
    }

    private static GithubRepository users() {
        return new GithubRepository("acme", "users");
    }

    private static RepositorySetup setup(String webhookUrl) {
        return new RepositorySetup(
                "main",
                new RepositorySetup.Protection(List.of("build"), 1),
                "The users service",
                List.of("fitsync", "microservice"),
                Map.of("platform", "push"),
                Map.of("AWS_REGION", "eu-west-1"),
                Map.of("AWS_ROLE_ARN", RepositorySetup.Secret.of(ROLE)),
                new RepositorySetup.Webhook(webhookUrl, RepositorySetup.Secret.of("hook-shared-secret")));
    }

    @Test
    void configuresEverythingOnceAndTheSecondTimeOnlyReadsAndRewritesSecrets() {
        repository = github.repository("acme", "users");
        GithubSettings.Outcome first =
                settings.configure(users(), TOKEN, setup("https://ferry.example.com/webhooks/github"));

        assertThat(first.changed())
                .containsExactly(
                        "protection", "description", "topics", "teams.platform", "variables.AWS_REGION", "webhook");
        assertThat(first.secretsWritten()).containsExactly("AWS_ROLE_ARN");
        assertThat(first.webhookId()).isPresent();
        var server = github.server();
        server.verify(putRequestedFor(urlEqualTo(ROOT + "/branches/main/protection"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withRequestBody(equalToJson("""
                        {"required_status_checks": {"strict": true, "contexts": ["build"]},
                         "enforce_admins": null,
                         "required_pull_request_reviews": {"required_approving_review_count": 1},
                         "restrictions": null,
                         "allow_force_pushes": false}""")));
        server.verify(patchRequestedFor(urlEqualTo(ROOT))
                .withRequestBody(equalToJson("{\"description\": \"The users service\"}")));
        server.verify(putRequestedFor(urlEqualTo(ROOT + "/topics"))
                .withRequestBody(equalToJson("{\"names\": [\"fitsync\", \"microservice\"]}")));
        server.verify(putRequestedFor(urlEqualTo("/orgs/acme/teams/platform/repos/acme/users"))
                .withRequestBody(equalToJson("{\"permission\": \"push\"}")));
        server.verify(getRequestedFor(urlEqualTo("/orgs/acme/teams/platform/repos/acme/users"))
                .withHeader("Accept", equalTo("application/vnd.github.v3.repository+json")));
        server.verify(postRequestedFor(urlEqualTo(ROOT + "/actions/variables"))
                .withRequestBody(equalToJson("{\"name\": \"AWS_REGION\", \"value\": \"eu-west-1\"}")));
        server.verify(getRequestedFor(urlEqualTo(ROOT + "/actions/secrets/public-key")));
        server.verify(postRequestedFor(urlEqualTo(ROOT + "/hooks")).withRequestBody(equalToJson("""
                {"name": "web", "active": true, "events": ["push", "workflow_run"],
                 "config": {"url": "https://ferry.example.com/webhooks/github", "content_type": "json",
                            "insecure_ssl": "0", "secret": "hook-shared-secret"}}""")));
        LoggedRequest secret = server.findAll(putRequestedFor(urlEqualTo(ROOT + "/actions/secrets/AWS_ROLE_ARN")))
                .getFirst();
        assertThat(secret.getBodyAsString()).doesNotContain(ROLE).contains("\"key_id\":\"568250167242549743\"");
        assertThat(Libsodium.open(repository.secrets.get("AWS_ROLE_ARN"), keys)).isEqualTo(ROLE);

        server.resetRequests();
        GithubSettings.Outcome second =
                settings.configure(users(), TOKEN, setup("https://ferry.example.com/webhooks/github"));

        assertThat(second.changed()).isEmpty();
        assertThat(second.secretsWritten()).containsExactly("AWS_ROLE_ARN");
        assertThat(second.webhookId()).isEqualTo(first.webhookId());
        assertThat(server.getAllServeEvents())
                .extracting(event -> event.getRequest().getMethod().getName() + " "
                        + event.getRequest().getUrl())
                .filteredOn(call -> !call.startsWith("GET "))
                .containsExactly("PUT " + ROOT + "/actions/secrets/AWS_ROLE_ARN");
        assertThat(repository.hooks()).hasSize(1);
    }

    @Test
    void movesFerrysWebhookWhenItsUrlChanges() {
        repository = github.repository("acme", "users");
        long id = settings.configure(users(), TOKEN, setup("https://old.example.com/webhooks/github"))
                .webhookId()
                .orElseThrow();

        GithubSettings.Outcome moved =
                settings.configure(users(), TOKEN, setup("https://ferry.example.com/webhooks/github"));

        assertThat(moved.changed()).containsExactly("webhook");
        assertThat(moved.webhookId()).contains(id);
        github.server()
                .verify(patchRequestedFor(urlEqualTo(ROOT + "/hooks/" + id)).withRequestBody(equalToJson("""
                {"active": true, "events": ["push", "workflow_run"],
                 "config": {"url": "https://ferry.example.com/webhooks/github", "content_type": "json",
                            "insecure_ssl": "0", "secret": "hook-shared-secret"}}""")));
        assertThat(repository.hooks()).singleElement().satisfies(hook -> assertThat(
                        hook.path("config").path("url").asText())
                .isEqualTo("https://ferry.example.com/webhooks/github"));
    }

    @Test
    void namesThePermissionATokenWithoutAdminRightsLacks() {
        repository = github.repository("acme", "users");
        github.stage("PUT", ROOT + "/branches/main/protection", 403, Map.of());

        assertThatThrownBy(() -> settings.configure(users(), TOKEN, setup("https://ferry.example.com/webhooks/github")))
                .isInstanceOfSatisfying(SplitFailure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(SplitFailure.Kind.AUTHENTICATION_FAILED))
                .hasMessageContaining("set branch protection of main on acme/users (HTTP 403)")
                .hasMessageContaining("Administration: write")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void waitsOutTheSecondaryRateLimitAndTriesAgain() {
        repository = github.repository("acme", "users");
        github.stage("GET", ROOT + "/topics", 403, Map.of("Retry-After", "7"));
        github.stage("GET", ROOT + "/topics", 429, Map.of("Retry-After", "3"));

        GithubSettings.Outcome outcome =
                settings.configure(users(), TOKEN, setup("https://ferry.example.com/webhooks/github"));

        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
        assertThat(outcome.changed()).contains("topics");
        assertThat(github.server().findAll(anyRequestedFor(anyUrl()).withUrl(ROOT + "/topics")))
                .hasSize(4);
    }

    @Test
    void givesUpOnARateLimitThatOutlastsItsAttempts() {
        repository = github.repository("acme", "users");
        for (int i = 0; i < GithubCalls.ATTEMPTS; i++) {
            github.stage("GET", ROOT, 429, Map.of("Retry-After", "1"));
        }

        assertThatThrownBy(() -> settings.configure(
                        users(),
                        TOKEN,
                        new RepositorySetup("main", null, "d", null, Map.of(), Map.of(), Map.of(), null)))
                .isInstanceOfSatisfying(SplitFailure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(SplitFailure.Kind.UNREACHABLE))
                .hasMessageContaining("rate limit");
        assertThat(waits).hasSize(GithubCalls.ATTEMPTS - 1);
        assertThat(Optional.ofNullable(repository.description)).isEmpty();
    }
}
