package dev.ferry.build.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.TagPromotion;
import dev.ferry.build.domain.TagPromotions;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.RegistryTokenServer;
import dev.ferry.build.testing.RegistryTokenServer.Account;
import dev.ferry.build.testing.RegistryTokenServer.Scope;
import dev.ferry.build.testing.RegistryTokenServer.TokenRequest;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry that demands bearer tokens, as GHCR, Docker Hub and Harbor do (docker-registry with {@code auth:
 * token:}); only its token server is a stand-in. Builds push through tokens, and a tag-image step moves a tag with
 * the push token the registry's challenge leads to, or fails naming the registry when the token server refuses.
 */
class RegistryTokenAuthIT {

    private static final String USER = "ferry";
    private static final String PASSWORD = "s3cret-" + System.nanoTime();
    private static final String READER = "reader";
    private static final String READER_PASSWORD = "read-" + System.nanoTime();
    private static final String AUDITOR = "auditor";
    private static final String AUDITOR_PASSWORD = "audit-" + System.nanoTime();
    private static final String REPOSITORY = "fitsync-ecr";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private static RegistryTokenServer tokens;
    private static OciTestRegistry registry;
    private static String seeded;

    @TempDir
    Path temp;

    @BeforeAll
    static void startTokenAuthRegistry() throws Exception {
        OciTestRegistry.assumeInstalled();
        tokens = RegistryTokenServer.start(
                new Account(USER, PASSWORD, Set.of("pull", "push")),
                new Account(READER, READER_PASSWORD, Set.of("pull")),
                new Account(AUDITOR, AUDITOR_PASSWORD, Set.of("pull")));
        registry = OciTestRegistry.startWithTokenAuth(
                tokens.realm(), RegistryTokenServer.SERVICE, RegistryTokenServer.ISSUER, tokens.certificatePem());
        // The test registry and realm speak plain HTTP; Jib sends credentials there only when told to.
        System.setProperty("sendCredentialsOverHttp", "true");
        BaseImages.pushWithLogin(registry.host(), "base/runtime:1", USER, PASSWORD, 42, 50_000);
        seeded = BaseImages.pushWithLogin(registry.host(), REPOSITORY + ":seeded", USER, PASSWORD, 7, 20_000);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("sendCredentialsOverHttp");
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void movesAnEnvironmentTagWithThePushTokenTheRegistryChallengeLeadsTo() throws Exception {
        RegistrySecrets secrets = secrets(USER, PASSWORD);
        PushedImage older = pushed(secrets, "console.log('v1')");
        PushedImage verified = pushed(secrets, "console.log('v2')");
        TagPromotions promotions = promotions(secrets);
        promotions.promote(promotion("login", "user-service-staging", older.digest()));
        tokens.forgetRequests();

        TagPromotions.Moved moved = promotions.promote(promotion("login", "user-service-staging", verified.digest()));

        assertThat(verified.digest()).isNotEqualTo(older.digest());
        assertThat(moved.previousDigest()).contains(older.digest());
        assertThat(tagDigest("user-service-staging")).as(registry.log()).contains(verified.digest());
        assertThat(tokens.requests()).as("token requests while moving the tag").anySatisfy(request -> {
            assertThat(request.user()).isEqualTo(USER);
            assertThat(request.service()).isEqualTo(RegistryTokenServer.SERVICE);
            assertThat(request.issued()).isTrue();
            assertThat(request.requested()).contains(new Scope("repository", REPOSITORY, Set.of("pull", "push")));
        });
    }

    @Test
    void asksForNoPushTokenWhenTheTagAlreadyNamesTheDigest() throws Exception {
        TagPromotions promotions = promotions(secrets(USER, PASSWORD));
        promotions.promote(promotion("login", "user-service-prod", seeded));
        tokens.forgetRequests();

        TagPromotions.Moved again = promotions.promote(promotion("login", "user-service-prod", seeded));

        assertThat(again.alreadyThere()).isTrue();
        // Without a token allowing push the registry accepts no write, so none was made.
        assertThat(tokens.requests())
                .isNotEmpty()
                .flatExtracting(TokenRequest::requested)
                .noneSatisfy(scope -> assertThat(scope.actions()).contains("push"));
        assertThat(tagDigest("user-service-prod")).contains(seeded);
    }

    @Test
    void failsTheStepNamingTheRegistryWhenTheTokenServerRefusesThePassword() throws Exception {
        String wrong = "wrong-password-" + System.nanoTime();
        tokens.forgetRequests();

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> promotions(secrets(USER, wrong))
                .promote(promotion("login", "user-service-qa", seeded)));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .contains(registry.host())
                .contains("credentialRef")
                .doesNotContain(wrong);
        assertThat(tokens.requests())
                .anySatisfy(request -> assertThat(request.issued()).isFalse());
        assertThat(tagDigest("user-service-qa")).isEmpty();
    }

    @Test
    void retagNamesTheRegistryAndNeverThePasswordWhenTheTokenServerRefusesIt() throws Exception {
        String wrong = "wrong-password-" + System.nanoTime();
        var target = new ImageTarget.Registry(registry.host(), REPOSITORY, new RegistryCredentials(USER, wrong));
        tokens.forgetRequests();

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> registryAdapter(secrets(USER, wrong)).retag(target, seeded, "retag-refused"));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.reason())
                .contains(registry.host() + "/" + REPOSITORY + ":retag-refused")
                .contains("the registry's token server " + tokens.realm() + " refused the credentials (HTTP 401)")
                .doesNotContain(wrong);
        assertThat(tokens.requests()).anySatisfy(request -> {
            assertThat(request.user()).isEqualTo(USER);
            assertThat(request.issued()).isFalse();
        });
        assertThat(tagDigest("retag-refused")).isEmpty();
    }

    @Test
    void refusesToMoveATagWithATokenThatMayOnlyPull() throws Exception {
        tokens.forgetRequests();

        BuildFailure failure =
                catchThrowableOfType(BuildFailure.class, () -> promotions(secrets(READER, READER_PASSWORD))
                        .promote(promotion("read-only", "user-service-demo", seeded)));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.reason())
                .contains(registry.host() + "/" + REPOSITORY + ":user-service-demo")
                .contains("may push")
                .doesNotContain(READER_PASSWORD);
        // The step asked for push, and the registry refused the write because the token did not grant it.
        assertThat(tokens.requests()).anySatisfy(request -> {
            assertThat(request.user()).isEqualTo(READER);
            assertThat(request.requested()).contains(new Scope("repository", REPOSITORY, Set.of("pull", "push")));
            assertThat(request.granted()).containsExactly(new Scope("repository", REPOSITORY, Set.of("pull")));
        });
        assertThat(tagDigest("user-service-demo")).isEmpty();
    }

    /**
     * What {@code tag} names, read the way any registry client would and independently of the code under test: a
     * pull token from the realm, then a HEAD of the manifest.
     */
    private static Optional<String> tagDigest(String tag) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String scope = URLEncoder.encode("repository:" + REPOSITORY + ":pull", StandardCharsets.UTF_8);
        HttpResponse<String> tokenAnswer = http.send(
                HttpRequest.newBuilder(URI.create(
                                tokens.realm() + "?service=" + RegistryTokenServer.SERVICE + "&scope=" + scope))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((AUDITOR + ":" + AUDITOR_PASSWORD)
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(tokenAnswer.body());
        assertThat(token.find()).as("token answer %s", tokenAnswer.body()).isTrue();
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(registry.uri().resolve("/v2/" + REPOSITORY + "/manifests/" + tag))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + token.group(1))
                        .header(
                                "Accept",
                                String.join(
                                        ",",
                                        "application/vnd.oci.image.manifest.v1+json",
                                        "application/vnd.oci.image.index.v1+json",
                                        "application/vnd.docker.distribution.manifest.v2+json",
                                        "application/vnd.docker.distribution.manifest.list.v2+json"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(head.statusCode()).as("HEAD %s: %s", tag, registry.log()).isEqualTo(200);
        return head.headers().firstValue("Docker-Content-Digest");
    }

    private PushedImage pushed(RegistrySecrets secrets, String app) {
        return workflow(secrets).build(request(app), UploadProgress.NONE).image();
    }

    private static TagPromotion promotion(String credentialRef, String tag, String digest) {
        return new TagPromotion("user-service", settings(credentialRef), tag, digest);
    }

    private static TagPromotions promotions(RegistrySecrets secrets) {
        return new TagPromotions(
                new Registries(List.of(registryAdapter(secrets))), new Retry(1, Duration.ZERO, pause -> {}));
    }

    private static OciRegistry registryAdapter(RegistrySecrets secrets) {
        return new OciRegistry(secrets, Set.of(registry.host()));
    }

    /** The same account under every credentialRef the tests use, and under the host for pulling the base image. */
    private static RegistrySecrets secrets(String user, String password) {
        return ref -> Set.of("login", "read-only", registry.host()).contains(ref)
                ? Optional.of(new RegistryCredentials(user, password))
                : Optional.empty();
    }

    private ImageBuildWorkflow workflow(RegistrySecrets secrets) {
        return JibWorkflows.against(registry.host(), secrets, temp);
    }

    private BuildRequest request(String app) {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo-" + System.nanoTime()))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY app.js /app/\n")
                .file("app.js", app);
        String sha = repo.commit("user");
        return new BuildRequest("user-service", repo.location(), sha, null, settings("login"), Builder.JIB);
    }

    private static ImageSettings settings(String credentialRef) {
        return new ImageSettings(
                registry.host(), REPOSITORY, "{service}-{sha}", List.of(), null, credentialRef, false, null, Map.of());
    }
}
