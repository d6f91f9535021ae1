package dev.ferry.build.ecr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.ferry.build.buildah.MissingBuildah;
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
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.RegistryApi;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECR's control plane (GetAuthorizationToken, DescribeRepositories, CreateRepository, DescribeImages) answered by a
 * WireMock stand-in through the SDK's endpoint override, while the image bytes go to a real registry, as they go to
 * ECR's registry endpoint in production. ECR speaks JSON-RPC: one POST path, the operation in X-Amz-Target.
 */
class EcrRegistryIT {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String AMZ_JSON = "application/x-amz-json-1.1";

    private static OciTestRegistry registry;

    @TempDir
    Path temp;

    private WireMockServer ecrApi;
    private EcrClients clients;

    @BeforeAll
    static void startRegistry() throws Exception {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        BaseImages.push(registry.host(), "base/runtime:1", 42, 300_000, 200_000);
        // The default credential chain reads these first; the stand-in does not check signatures.
        System.setProperty("aws.accessKeyId", "AKIAFERRYTEST");
        System.setProperty("aws.secretAccessKey", "ferry-test-secret");
    }

    @BeforeEach
    void startEcrApi() {
        ecrApi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ecrApi.start();
        clients = new EcrClients("us-east-2", URI.create(ecrApi.baseUrl()));
    }

    @AfterEach
    void stopEcrApi() {
        clients.close();
        ecrApi.stop();
    }

    @Test
    void createsTheMissingRepositoryTakesPushCredentialsAndConfirmsTheDigest() {
        ServiceRepository repo = serviceRepository();
        String sha = repo.commit("user-service");
        String repository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        // The build is reproducible, so its digest is known before the push: DescribeImages can answer with it.
        String expected = workflow()
                .build(archiveRequest(repo, sha, repository), UploadProgress.NONE)
                .image()
                .digest();
        stubToken();
        stub("DescribeRepositories", error("RepositoryNotFoundException", "The repository does not exist"));
        stub("CreateRepository", ok("{\"repository\":{\"repositoryName\":\"" + repository + "\"}}"));
        ecrApi.stubFor(operation("DescribeImages")
                .inScenario("push")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("pushed")
                .willReturn(error("ImageNotFoundException", "no such tag")));
        ecrApi.stubFor(operation("DescribeImages")
                .inScenario("push")
                .whenScenarioStateIs("pushed")
                .willReturn(ok(describeImages(repository, expected))));

        PushedImage pushed = workflow()
                .build(ecrRequest(repo, sha, repository, true), UploadProgress.NONE)
                .image();

        assertThat(pushed.digest()).isEqualTo(expected);
        assertThat(new RegistryApi(registry.uri()).digest(repository, "user-service-" + sha))
                .isEqualTo(expected);
        ecrApi.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "CreateRepository"))
                        .withRequestBody(containing("\"repositoryName\":\"" + repository + "\""))
                        .withRequestBody(containing("\"imageTagMutability\":\"MUTABLE\"")));
        ecrApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "GetAuthorizationToken"))
                .withHeader("Authorization", containing("AKIAFERRYTEST")));
        ecrApi.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "DescribeImages"))
                        .withRequestBody(containing("\"imageTag\":\"user-service-" + sha + "\"")));
    }

    @Test
    void pushesAndPullsTheBaseWithTheTokenFromGetAuthorizationToken() throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        // A registry that accepts only ECR's user "AWS" with the password the token carries, as ECR does.
        try (var ecrLike = OciTestRegistry.startWithHtpasswd(
                "AWS:" + OpenBSDBCrypt.generate("2a", "ecr-push-password".toCharArray(), salt, 6))) {
            System.setProperty("sendCredentialsOverHttp", "true");
            try {
                BaseImages.pushWithLogin(ecrLike.host(), "base/runtime:1", "AWS", "ecr-push-password", 42, 50_000);
                ServiceRepository repo = ServiceRepository.create(temp.resolve("ecr-like"))
                        .file("Dockerfile", "FROM " + ecrLike.host() + "/base/runtime:1\nCOPY app.js /app/\n")
                        .file("app.js", "console.log('user')");
                String sha = repo.commit("user-service");
                stubToken();
                stub("DescribeRepositories", ok("{\"repositories\":[{\"repositoryName\":\"fitsync-ecr\"}]}"));
                var registries = new Registries(List.of(new EcrRegistry(clients, Set.of(ecrLike.host()))));
                var settings = new ImageSettings(
                        ecrLike.host(), "fitsync-ecr", "{service}-{sha}", List.of(), null, null, false, null, Map.of());
                String expected = workflow(registries, ecrLike.host())
                        .build(archiveRequest(repo, sha, "fitsync-ecr"), UploadProgress.NONE)
                        .image()
                        .digest();
                ecrApi.stubFor(operation("DescribeImages")
                        .inScenario("token")
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("pushed")
                        .willReturn(error("ImageNotFoundException", "no such tag")));
                ecrApi.stubFor(operation("DescribeImages")
                        .inScenario("token")
                        .whenScenarioStateIs("pushed")
                        .willReturn(ok(describeImages("fitsync-ecr", expected))));

                PushedImage pushed = workflow(registries, ecrLike.host())
                        .build(
                                new BuildRequest("user-service", repo.location(), sha, null, settings, Builder.JIB),
                                UploadProgress.NONE)
                        .image();

                assertThat(pushed.digest()).isEqualTo(expected);
                var withToken = new ImageTarget.Registry(
                        ecrLike.host(), "fitsync-ecr", new RegistryCredentials("AWS", "ecr-push-password"));
                assertThat(new OciRegistry(ref -> Optional.empty(), Set.of(ecrLike.host()))
                                .digestOf(withToken, "user-service-" + sha))
                        .contains(expected);
            } finally {
                System.clearProperty("sendCredentialsOverHttp");
            }
        }
    }

    private ImageBuildWorkflow workflow(Registries registries, String plainHttpHost) {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("cache"), Set.of(plainHttpHost), host -> registries
                        .forHost(host)
                        .pullCredentials(host)),
                new MissingBuildah("buildah"),
                registries,
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    @Test
    void refusesToCreateARepositoryThePlanDoesNotAllow() {
        ServiceRepository repo = serviceRepository();
        String sha = repo.commit("user-service");
        stubToken();
        stub("DescribeRepositories", error("RepositoryNotFoundException", "The repository does not exist"));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(ecrRequest(repo, sha, "fitsync-ecr", false), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason())
                .contains("ECR repository fitsync-ecr does not exist")
                .contains("image.createRepository");
        ecrApi.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "CreateRepository")));
    }

    @Test
    void reportsRefusedAwsCredentialsAsAnAuthenticationFailure() {
        ServiceRepository repo = serviceRepository();
        String sha = repo.commit("user-service");
        stub("DescribeRepositories", ok("{\"repositories\":[{\"repositoryName\":\"fitsync-ecr\"}]}"));
        stub(
                "GetAuthorizationToken",
                error("AccessDeniedException", "User is not authorized to perform ecr:GetAuthorizationToken"));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(ecrRequest(repo, sha, "fitsync-ecr", false), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .contains("GetAuthorizationToken")
                .contains("AccessDeniedException")
                .doesNotContain("ferry-test-secret");
    }

    @Test
    void refusesToMoveAnImmutableTagEcrAlreadyHoldsForOtherContent() {
        ServiceRepository repo = serviceRepository();
        String sha = repo.commit("user-service");
        String other = "sha256:" + "0".repeat(64);
        stubToken();
        stub("DescribeRepositories", ok("{\"repositories\":[{\"repositoryName\":\"fitsync-ecr\"}]}"));
        stub("DescribeImages", ok(describeImages("fitsync-ecr", other)));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(ecrRequest(repo, sha, "fitsync-ecr", false), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(failure.reason()).contains(other).contains("immutable");
    }

    @Test
    void movesATagWithTheManifestBatchGetImageReadsAndPutImageStoresUnderTheTag() {
        String digest = "sha256:" + "a".repeat(64);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";
        String mediaType = "application/vnd.oci.image.manifest.v1+json";
        stub(
                "BatchGetImage",
                ok("{\"images\":[{\"repositoryName\":\"fitsync-ecr\",\"imageId\":{\"imageDigest\":\"" + digest
                        + "\"},\"imageManifest\":" + quoted(manifest) + ",\"imageManifestMediaType\":\""
                        + mediaType + "\"}],\"failures\":[]}"));
        stub("PutImage", ok("{\"image\":{\"repositoryName\":\"fitsync-ecr\"}}"));

        new EcrRegistry(clients, Set.of(registry.host()))
                .retag(new ImageTarget.Registry(registry.host(), "fitsync-ecr", null), digest, "user-service-staging");

        ecrApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "BatchGetImage"))
                .withRequestBody(containing(digest)));
        ecrApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "PutImage"))
                .withRequestBody(containing("\"imageTag\":\"user-service-staging\""))
                .withRequestBody(containing("\"imageDigest\":\"" + digest + "\""))
                .withRequestBody(containing("\"imageManifest\":" + quoted(manifest)))
                .withRequestBody(containing("\"imageManifestMediaType\":\"" + mediaType + "\"")));
    }

    @Test
    void reportsADigestEcrDoesNotHoldAsNotFoundWithoutPuttingAnything() {
        String digest = "sha256:" + "b".repeat(64);
        stub(
                "BatchGetImage",
                ok("{\"images\":[],\"failures\":[{\"imageId\":{\"imageDigest\":\"" + digest
                        + "\"},\"failureCode\":\"ImageNotFound\"}]}"));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> new EcrRegistry(
                        clients, Set.of(registry.host()))
                .retag(new ImageTarget.Registry(registry.host(), "fitsync-ecr", null), digest, "user-service-dev"));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains(digest).contains("fitsync-ecr");
        ecrApi.verify(
                0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + "PutImage")));
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    private ImageBuildWorkflow workflow() {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("cache"), Set.of(registry.host()), host -> Optional.empty()),
                new MissingBuildah("buildah"),
                new Registries(List.of(
                        new EcrRegistry(clients, Set.of(registry.host())),
                        new OciRegistry(ref -> Optional.empty(), Set.of()))),
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    private BuildRequest ecrRequest(ServiceRepository repo, String sha, String repository, boolean mayCreate) {
        var settings = new ImageSettings(
                registry.host(),
                repository,
                "{service}-{sha}",
                List.of("{service}-latest"),
                null,
                null,
                mayCreate,
                null,
                Map.of());
        return new BuildRequest("user-service", repo.location(), sha, null, settings, Builder.JIB);
    }

    private static BuildRequest archiveRequest(ServiceRepository repo, String sha, String repository) {
        var settings =
                new ImageSettings("", repository, "{service}-{sha}", List.of(), null, null, false, null, Map.of());
        return new BuildRequest("user-service", repo.location(), sha, null, settings, Builder.JIB);
    }

    private ServiceRepository serviceRepository() {
        return ServiceRepository.create(temp.resolve("repo-" + UUID.randomUUID()))
                .file(
                        "Dockerfile",
                        "FROM " + registry.host()
                                + "/base/runtime:1\nCOPY app.js /app/\nCMD [\"node\", \"/app/app.js\"]\n")
                .file("app.js", "console.log('user')");
    }

    private void stubToken() {
        String token = Base64.getEncoder().encodeToString("AWS:ecr-push-password".getBytes(StandardCharsets.UTF_8));
        stub(
                "GetAuthorizationToken",
                ok("{\"authorizationData\":[{\"authorizationToken\":\"" + token
                        + "\",\"expiresAt\":1.9E9,\"proxyEndpoint\":\"http://" + registry.host() + "\"}]}"));
    }

    private void stub(String operation, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        ecrApi.stubFor(operation(operation).willReturn(response));
    }

    private static MappingBuilder operation(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", AMZ_JSON).withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(String type, String message) {
        return aResponse()
                .withStatus(400)
                .withHeader("Content-Type", AMZ_JSON)
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private static String describeImages(String repository, String digest) {
        return "{\"imageDetails\":[{\"registryId\":\"123456789012\",\"repositoryName\":\"" + repository
                + "\",\"imageDigest\":\"" + digest + "\",\"imageTags\":[\"user-service\"],\"imageSizeInBytes\":1000,"
                + "\"imagePushedAt\":1.7E9}]}";
    }
}
