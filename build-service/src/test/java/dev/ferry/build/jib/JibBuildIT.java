package dev.ferry.build.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.ferry.build.buildah.MissingBuildah;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.BuiltImage;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.RegistryApi;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds images from real git repositories with Jib core and pushes them to a real OCI registry (Debian's
 * docker-registry on loopback), then reads the registry back as a person checking the push would.
 */
class JibBuildIT {

    private static final String DOCKERFILE = """
            ARG BASE_TAG=1
            FROM %s/base/runtime:${BASE_TAG}
            LABEL org.opencontainers.image.title=%s
            ENV NODE_ENV=production PORT=4001
            WORKDIR /app
            COPY --chown=1000:1000 package.json ./
            COPY src/ ./src/
            EXPOSE 4001
            USER 1000
            ENTRYPOINT ["node", "src/index.js"]
            """;

    private static OciTestRegistry registry;
    private static RegistryApi api;
    private static String baseDigest;

    @TempDir
    Path temp;

    @BeforeAll
    static void pushBaseImage() throws Exception {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        api = new RegistryApi(registry.uri());
        baseDigest = BaseImages.push(registry.host(), "base/runtime:1", 42, 300_000, 200_000);
    }

    @Test
    void buildsTheDockerfilesImageAndPushesItWithEveryTag() {
        String repository = uniqueRepository();
        ServiceRepository repo = serviceRepository("user-service");
        String sha = repo.commit("user-service");
        repo.tag("v1.4.0");

        BuiltImage built = workflow(temp.resolve("cache"))
                .build(request("user-service", repo, sha, repository, "dev"), UploadProgress.NONE);

        PushedImage image = built.image();
        assertThat(image.tags())
                .containsExactly(
                        "user-service-" + sha, "user-service-dev", "user-service-latest", "user-service-v1.4.0");
        assertThat(api.tags(repository)).containsExactlyInAnyOrderElementsOf(image.tags());
        assertThat(api.digest(repository, "user-service-" + sha)).isEqualTo(image.digest());
        assertThat(image.reference()).isEqualTo(registry.host() + "/" + repository + "@" + image.digest());

        JsonNode config = api.config(repository, image.digest());
        assertThat(config.path("Env").toString())
                .contains("NODE_ENV=production", "PORT=4001", "PATH=/usr/local/bin:/usr/bin:/bin");
        assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"node\",\"src/index.js\"]");
        assertThat(config.path("Cmd").isMissingNode()
                        || config.path("Cmd").isNull()
                        || config.path("Cmd").isEmpty())
                .as("ENTRYPOINT without CMD drops the base image's CMD")
                .isTrue();
        assertThat(config.path("ExposedPorts").has("4001/tcp")).isTrue();
        assertThat(config.path("User").asText()).isEqualTo("1000");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.path("Labels").path("org.opencontainers.image.title").asText())
                .isEqualTo("user-service");

        Map<String, String> files = api.files(repository, image.digest());
        assertThat(files).containsEntry("/app/package.json", "1000:1000 644").containsKey("/app/src/index.js");
        assertThat(files).containsKey("/opt/base/layer-0.bin");
        assertThat(files).as(".dockerignore keeps test files out").doesNotContainKey("/app/src/index.test.js");
        assertThat(image.layersUploaded() + image.layersReused()).isEqualTo(4);
        assertThat(image.layersReused())
                .as("the base's two layers are mounted from base/runtime")
                .isEqualTo(2);
        assertThat(image.layersUploaded()).isEqualTo(2);
        assertThat(image.sizeBytes()).isGreaterThan(500_000);
    }

    @Test
    void rebuildingAnUnchangedCommitUploadsNothingAndGivesTheSameDigest() {
        String repository = uniqueRepository();
        ServiceRepository repo = serviceRepository("user-service");
        String sha = repo.commit("user-service");
        var first = workflow(temp.resolve("cache-1"))
                .build(request("user-service", repo, sha, repository, null), UploadProgress.NONE);

        // A fresh cache and a fresh checkout: nothing remembered on this side, only the registry has the blobs.
        var second = workflow(temp.resolve("cache-2"))
                .build(request("user-service", repo, sha, repository, null), UploadProgress.NONE);

        assertThat(first.image().bytesUploaded()).isPositive();
        assertThat(second.image().digest()).isEqualTo(first.image().digest());
        assertThat(second.image().layersUploaded()).isZero();
        assertThat(second.image().bytesUploaded()).isZero();
        assertThat(second.image().layersReused()).isEqualTo(4);
    }

    @Test
    void twoServicesOnOneBasePushTheBaseLayersOnce() {
        String repository = uniqueRepository();
        ServiceRepository user = serviceRepository("user-service");
        ServiceRepository training = serviceRepository("training-service");
        var workflow = workflow(temp.resolve("cache"));
        // Both services go to one repository, as the seed's fitsync-ecr holds every service under its own tags.
        PushedImage first = workflow.build(
                        request("user-service", user, user.commit("u"), repository, null), UploadProgress.NONE)
                .image();
        PushedImage second = workflow.build(
                        request("training-service", training, training.commit("t"), repository, null),
                        UploadProgress.NONE)
                .image();

        assertThat(second.digest()).isNotEqualTo(first.digest());
        assertThat(second.layersReused()).as("base layers").isEqualTo(2);
        assertThat(second.layersUploaded())
                .as("its own package.json and src layers")
                .isEqualTo(2);
        assertThat(second.bytesUploaded()).isLessThan(100_000);
    }

    @Test
    void reportsProgressWhileUploading() {
        var reports = new ArrayList<Double>();
        ServiceRepository repo = serviceRepository("user-service");
        workflow(temp.resolve("cache"))
                .build(
                        request("user-service", repo, repo.commit("u"), uniqueRepository(), null),
                        (bytes, fraction) -> reports.add(fraction));

        assertThat(reports).isNotEmpty();
        assertThat(reports.getLast()).isGreaterThan(0.5);
    }

    @Test
    void refusesToMoveAnImmutableTagToDifferentContent() throws Exception {
        String repository = uniqueRepository();
        ServiceRepository repo = serviceRepository("user-service");
        String sha = repo.commit("user-service");
        // Someone pushed other content under this commit's tag.
        BaseImages.push(registry.host(), repository + ":user-service-" + sha, 7, 1_000);
        String before = api.digest(repository, "user-service-" + sha);

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(temp.resolve("cache"))
                .build(request("user-service", repo, sha, repository, "dev"), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(failure.reason())
                .contains("user-service-" + sha)
                .contains("immutable")
                .contains(before);
        assertThat(api.digest(repository, "user-service-" + sha)).isEqualTo(before);
        assertThat(api.tags(repository)).doesNotContain("user-service-dev");
    }

    @Test
    void failsWithFileAndLineWhenTheDockerfileNeedsAContainerRuntime() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY . /app\nRUN npm ci\n");
        String sha = repo.commit("needs npm");

        assertThatThrownBy(() -> workflow(temp.resolve("cache"))
                        .build(request("user-service", repo, sha, uniqueRepository(), null), UploadProgress.NONE))
                .isInstanceOf(BuildFailure.class)
                .hasMessageStartingWith("Dockerfile:3: RUN")
                .hasMessageContaining("github-actions");
    }

    @Test
    void buildsFromABaseImagePinnedByDigest() {
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("pinned"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime@" + baseDigest + "\nCOPY a /a\n")
                .file("a", "a");
        String sha = repo.commit("pinned base");

        PushedImage image = workflow(temp.resolve("cache"))
                .build(request("user-service", repo, sha, repository, null), UploadProgress.NONE)
                .image();

        assertThat(api.files(repository, image.digest())).containsKeys("/a", "/opt/base/layer-1.bin");
    }

    @Test
    void namesAMissingBaseImage() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/does-not-exist:9\nCOPY a /a\n")
                .file("a", "a");
        String sha = repo.commit("bad base");

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(temp.resolve("cache"))
                .build(request("user-service", repo, sha, uniqueRepository(), null), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains("base image " + registry.host() + "/base/does-not-exist:9");
    }

    @Test
    void copiesALinkInsideTheContextAsItsTargetAndRefusesOneLeadingOut() throws Exception {
        String repository = uniqueRepository();
        Path machineFile = Files.writeString(temp.resolve("machine-credentials"), "aws_secret_access_key=...");
        ServiceRepository inside = ServiceRepository.create(temp.resolve("inside"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY current.txt /app/\n")
                .file("release-7.txt", "release 7")
                .link("current.txt", "release-7.txt");
        ServiceRepository leading = ServiceRepository.create(temp.resolve("leading"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY . /app/\n")
                .link("config/credentials", machineFile.toString());
        String insideSha = inside.commit("link inside");
        String leadingSha = leading.commit("link leading out");

        PushedImage image = workflow(temp.resolve("cache"))
                .build(request("user-service", inside, insideSha, repository, null), UploadProgress.NONE)
                .image();
        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(temp.resolve("cache"))
                .build(request("user-service", leading, leadingSha, repository, null), UploadProgress.NONE));

        assertThat(api.fileText(repository, image.digest(), "/app/current.txt")).isEqualTo("release 7");
        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason())
                .startsWith("Dockerfile:2: forbidden path outside the build context: config/credentials (a symbolic"
                        + " link to " + machineFile + ", taken by source '.')");
    }

    @Test
    void buildsOnABaseImageArchiveOnTheBuildMachine() throws Exception {
        Path base = temp.resolve("base.tar");
        Files.writeString(temp.resolve("shell"), "#!/bin/sh\n");
        Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .addEntry(temp.resolve("shell"), AbsoluteUnixPath.get("/bin/sh"))
                        .build())
                .containerize(Containerizer.to(TarImage.at(base).named("base/local:1")));
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("archived-base"))
                .file("Dockerfile", "ARG BASE=scratch\nFROM ${BASE}\nCOPY a /a\n")
                .file("a", "a");
        String sha = repo.commit("base from an archive");

        PushedImage image = workflow(temp.resolve("cache"))
                .build(
                        request("user-service", repo, sha, repository, null, Map.of("BASE", "docker-archive:" + base)),
                        UploadProgress.NONE)
                .image();

        assertThat(api.files(repository, image.digest())).containsKeys("/a", "/bin/sh");
    }

    @Test
    void namesAMissingBaseImageArchive() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM docker-archive:/nowhere/base.tar\nCOPY a /a\n")
                .file("a", "a");
        String sha = repo.commit("missing archive");

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(temp.resolve("cache"))
                .build(request("user-service", repo, sha, uniqueRepository(), null), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("/nowhere/base.tar");
    }

    @Test
    void buildsAFolderOfAMonorepoAtTheHeadOfItsBranchAndTagsTheCommitItResolvedTo() {
        String repository = uniqueRepository();
        ServiceRepository monorepo = ServiceRepository.create(temp.resolve("monorepo"))
                .file("services/user/Dockerfile", "FROM scratch\nCOPY app.txt /app/app.txt\n")
                .file("services/user/app.txt", "user")
                .file("services/billing/Dockerfile", "FROM scratch\nCOPY app.txt /app/app.txt\n")
                .file("services/billing/app.txt", "billing");
        monorepo.commit("two services");
        String head = monorepo.file("services/user/app.txt", "user v2").commit("user v2");
        var settings = new ImageSettings(
                registry.host(), repository, "{service}-{sha}", List.of(), null, null, false, null, Map.of());

        BuiltImage built = workflow(temp.resolve("cache"))
                .build(
                        new BuildRequest(
                                "user",
                                monorepo.location(),
                                BuildRequest.headOf("main"),
                                null,
                                settings,
                                Builder.JIB,
                                "services/user"),
                        UploadProgress.NONE);

        assertThat(built.commit()).isEqualTo(head);
        assertThat(built.image().tags()).contains("user-" + head);
        assertThat(api.fileText(repository, built.image().digest(), "/app/app.txt"))
                .isEqualTo("user v2");
    }

    @Test
    void namesAContextFolderMissingAtTheCommit() {
        ServiceRepository monorepo =
                ServiceRepository.create(temp.resolve("monorepo")).file("services/user/Dockerfile", "FROM scratch\n");
        String sha = monorepo.commit("one service");
        var settings = new ImageSettings(
                registry.host(), uniqueRepository(), "{service}-{sha}", List.of(), null, null, false, null, Map.of());

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(temp.resolve("cache"))
                .build(
                        new BuildRequest(
                                "billing", monorepo.location(), sha, null, settings, Builder.JIB, "services/billing"),
                        UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains("services/billing").contains(sha);
    }

    @Test
    void givesUpOnAnUnreachableRegistryAfterRetrying() {
        ServiceRepository repo = serviceRepository("user-service");
        String sha = repo.commit("u");
        var attempts = new AtomicInteger();
        String deadHost = "127.0.0.1:" + unusedPort();
        var settings = new ImageSettings(
                deadHost, "fitsync-ecr", "{service}-{sha}", List.of(), null, null, false, null, Map.of());
        var workflow = new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("cache"), Set.of(deadHost, registry.host()), host -> Optional.empty()),
                new MissingBuildah("buildah"),
                new Registries(List.of(new OciRegistry(ref -> Optional.empty(), Set.of(deadHost)))),
                temp.resolve("archives"),
                new Retry(3, Duration.ofMillis(1), pause -> attempts.incrementAndGet()),
                Clock.systemUTC());

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class,
                () -> workflow.build(
                        new BuildRequest("user-service", repo.location(), sha, null, settings, Builder.JIB),
                        UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).contains(deadHost).contains("unreachable").contains("after 3 attempts");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void writesAnImageArchiveWithTheSameDigestWhenNoRegistryIsConfigured() throws Exception {
        ServiceRepository repo = serviceRepository("user-service");
        String sha = repo.commit("u");
        String repository = uniqueRepository();
        PushedImage pushed = workflow(temp.resolve("cache-1"))
                .build(request("user-service", repo, sha, repository, null), UploadProgress.NONE)
                .image();
        var archiveSettings = new ImageSettings(
                "", repository, "{service}-{sha}", List.of("{service}-latest"), null, null, false, null, Map.of());

        PushedImage archived = workflow(temp.resolve("cache-2"))
                .build(
                        new BuildRequest("user-service", repo.location(), sha, null, archiveSettings, Builder.JIB),
                        UploadProgress.NONE)
                .image();

        Path file = temp.resolve("archives").resolve(repository.replace('/', '_') + "_user-service-" + sha + ".tar");
        assertThat(file).exists();
        assertThat(archived.reference()).startsWith("docker-archive:" + file);
        assertThat(archived.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(archived.digest())
                .as("same inputs, same digest, whatever the target")
                .isEqualTo(pushed.digest());
    }

    private ImageBuildWorkflow workflow(Path cache) {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(cache, Set.of(registry.host()), host -> Optional.empty()),
                new MissingBuildah("buildah"),
                new Registries(List.of(new OciRegistry(ref -> Optional.empty(), Set.of(registry.host())))),
                temp.resolve("archives"),
                new Retry(2, Duration.ofMillis(1), pause -> {}),
                Clock.systemUTC());
    }

    private ServiceRepository serviceRepository(String service) {
        return ServiceRepository.create(temp.resolve(service + "-" + UUID.randomUUID()))
                .file("Dockerfile", DOCKERFILE.formatted(registry.host(), service))
                .file(".dockerignore", "**/*.test.js\nnode_modules\n")
                .file("package.json", "{\"name\":\"" + service + "\"}")
                .file("src/index.js", "console.log('" + service + "')")
                .file("src/index.test.js", "test()")
                .file("node_modules/x/index.js", "ignored");
    }

    private static BuildRequest request(
            String service, ServiceRepository repo, String sha, String repository, String env) {
        return request(service, repo, sha, repository, env, Map.of());
    }

    private static BuildRequest request(
            String service,
            ServiceRepository repo,
            String sha,
            String repository,
            String env,
            Map<String, String> buildArgs) {
        var settings = new ImageSettings(
                registry.host(),
                repository,
                "{service}-{sha}",
                List.of("{service}-{env}", "{service}-latest", "{service}-v{semver}"),
                null,
                null,
                false,
                null,
                buildArgs);
        return new BuildRequest(service, repo.location(), sha, env, settings, Builder.JIB);
    }

    private static String uniqueRepository() {
        return "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int unusedPort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
