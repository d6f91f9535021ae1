package dev.ferry.build.buildah;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.testing.BusyboxBase;
import dev.ferry.build.testing.RegistryApi;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds Dockerfiles with RUN and stages with Debian's buildah (chroot isolation, vfs storage) and pushes them to a
 * real registry (Debian's docker-registry on loopback), on a busybox base made here without a network; then reads
 * the registry back as a person checking the push would.
 */
class BuildahBuildIT {

    private static OciTestRegistry registry;
    private static RegistryApi api;
    private static String base;

    /** One buildah storage for the class, as build-service keeps one between builds. */
    @TempDir
    static Path storage;

    @TempDir
    Path temp;

    @BeforeAll
    static void pushBusyboxBase() {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        api = new RegistryApi(registry.uri());
        base = BusyboxBase.pushedTo(registry.host());
    }

    @Test
    void buildsADockerfileWithRunAndPushesTheDigestTheRegistryHas() {
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nRUN echo hi > /greeting\nCMD [\"cat\", \"/greeting\"]\n");
        String sha = repo.commit("greeting");

        BuiltImage built = workflow().build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE);

        PushedImage image = built.image();
        assertThat(built.builder()).isEqualTo(Builder.BUILDAH);
        assertThat(api.tags(repository)).containsExactlyInAnyOrder("user-service-" + sha, "user-service-latest");
        assertThat(api.digest(repository, "user-service-" + sha)).isEqualTo(image.digest());
        assertThat(api.digest(repository, "user-service-latest")).isEqualTo(image.digest());
        assertThat(image.reference()).isEqualTo(registry.host() + "/" + repository + "@" + image.digest());
        assertThat(api.fileText(repository, image.digest(), "/greeting")).isEqualTo("hi\n");
        JsonNode config = api.config(repository, image.digest());
        assertThat(config.path("Cmd").toString()).isEqualTo("[\"cat\",\"/greeting\"]");
        assertThat(BusyboxBase.runCommandOf(registry.host(), repository + "@" + image.digest(), command(config)))
                .as("the image starts and its command prints what RUN wrote")
                .isEqualTo("hi\n");
        assertThat(image.layersUploaded()).as("the RUN's layer").isGreaterThanOrEqualTo(1);
        assertThat(image.bytesUploaded()).isPositive();
    }

    @Test
    void buildsAMultiStageDockerfileCopyingOnlyWhatTheLastStageTakes() {
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", """
                        FROM %s AS build
                        WORKDIR /src
                        COPY app.txt .
                        RUN tr a-z A-Z < app.txt > /src/out.txt && echo scratch > /src/left-behind
                        FROM %s
                        COPY --from=build /src/out.txt /app/out.txt
                        """.formatted(base, base))
                .file("app.txt", "shout\n");
        String sha = repo.commit("two stages");

        PushedImage image = workflow()
                .build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();

        assertThat(api.fileText(repository, image.digest(), "/app/out.txt")).isEqualTo("SHOUT\n");
        assertThat(api.files(repository, image.digest()))
                .containsKey("/bin/busybox")
                .doesNotContainKey("/src/left-behind")
                .doesNotContainKey("/src/app.txt");
    }

    @Test
    void aFailingRunNamesItsLineAndShowsWhatItPrinted() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo")).file("Dockerfile", """
                        FROM %s
                        # the tests need a database
                        ENV MODE=test
                        RUN echo "running the tests" && \\
                            echo "3 tests failed" >&2 && exit 3
                        CMD ["true"]
                        """.formatted(base));
        String sha = repo.commit("failing tests");

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(request(repo, sha, uniqueRepository(), Builder.AUTO), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason())
                .startsWith("Dockerfile:4: RUN echo \"running the tests\"")
                .contains("exit status 3")
                .contains("running the tests", "3 tests failed");
    }

    @Test
    void autoBuildsWithJibWithoutRunAndWithBuildahWithRun() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nCOPY app.txt /app/app.txt\n")
                .file("app.txt", "plain\n");
        String plain = repo.commit("no RUN");
        String plainRepository = uniqueRepository();

        BuiltImage byJib = workflow().build(request(repo, plain, plainRepository, Builder.AUTO), UploadProgress.NONE);

        repo.file("Dockerfile", "FROM " + base + "\nCOPY app.txt /app/app.txt\nRUN echo ran >> /app/app.txt\n");
        String withRun = repo.commit("RUN");
        String runRepository = uniqueRepository();
        BuiltImage byBuildah =
                workflow().build(request(repo, withRun, runRepository, Builder.AUTO), UploadProgress.NONE);

        assertThat(byJib.builder()).isEqualTo(Builder.JIB);
        assertThat(api.fileText(plainRepository, byJib.image().digest(), "/app/app.txt"))
                .isEqualTo("plain\n");
        assertThat(byBuildah.builder()).isEqualTo(Builder.BUILDAH);
        assertThat(api.fileText(runRepository, byBuildah.image().digest(), "/app/app.txt"))
                .isEqualTo("plain\nran\n");
    }

    @Test
    void rebuildingAnUnchangedCommitRunsNothingAndUploadsNothing() {
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nRUN head -c 20000 /dev/urandom > /random\n");
        String sha = repo.commit("random");

        PushedImage first = workflow()
                .build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();
        PushedImage again = workflow()
                .build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();

        assertThat(again.digest())
                .as("the RUN came from the layer cache: a second run would give other random bytes")
                .isEqualTo(first.digest());
        assertThat(again.layersUploaded()).isZero();
        assertThat(again.bytesUploaded()).isZero();
        assertThat(api.digest(repository, "user-service-" + sha)).isEqualTo(first.digest());
    }

    @Test
    void aRunThatNeverEndsIsStoppedAtTheTimeoutAndTheNextBuildStillWorks() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nRUN echo waiting && sleep 600\n");
        String sha = repo.commit("never ends");
        var impatient = buildah(storage, Duration.ofSeconds(3));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(impatient)
                .build(request(repo, sha, uniqueRepository(), Builder.BUILDAH), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).contains("ran longer than PT3S", "RUN echo waiting && sleep 600", "waiting");
        repo.file("Dockerfile", "FROM " + base + "\nRUN echo done > /done\n");
        String fixed = repo.commit("ends");
        String repository = uniqueRepository();
        PushedImage image = workflow()
                .build(request(repo, fixed, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();
        assertThat(api.fileText(repository, image.digest(), "/done")).isEqualTo("done\n");
    }

    @Test
    void aRunThatNeverEndsIsStoppedAtTheStepsOwnDeadline() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nRUN echo waiting && sleep 600\n");
        String sha = repo.commit("never ends");
        BuildRequest request = request(repo, sha, uniqueRepository(), Builder.BUILDAH, Duration.ofSeconds(3));

        // buildah itself may run for 5 minutes (workflow()); the phase's timeout is what stops this one.
        BuildFailure failure =
                catchThrowableOfType(BuildFailure.class, () -> workflow().build(request, UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).contains("ran longer than PT3S", "RUN echo waiting && sleep 600", "waiting");
    }

    @Test
    void aRebuildOnAnotherMachineWithAnEmptyCacheGivesTheSameImage() {
        String repository = uniqueRepository();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + base + "\nRUN mkdir /app && echo same > /app/same\n");
        String sha = repo.commit("deterministic RUN");
        PushedImage here = workflow()
                .build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();

        var elsewhere = buildah(temp.resolve("other-machine"), Duration.ofMinutes(5));
        PushedImage retried = workflow(elsewhere)
                .build(request(repo, sha, repository, Builder.BUILDAH), UploadProgress.NONE)
                .image();

        assertThat(retried.digest())
                .as("the immutable tag's image, so the retried step is not refused as a conflict")
                .isEqualTo(here.digest());
        assertThat(retried.bytesUploaded()).isZero();
    }

    @Test
    void aMissingBaseImageIsNotFoundByName() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + registry.host() + "/base/nowhere:9\nRUN true\n");
        String sha = repo.commit("no such base");

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(request(repo, sha, uniqueRepository(), Builder.BUILDAH), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains(registry.host() + "/base/nowhere:9");
    }

    @Test
    void withoutBuildahABuildThatNeedsItSaysWhichPackageToInstall() {
        ServiceRepository repo =
                ServiceRepository.create(temp.resolve("repo")).file("Dockerfile", "FROM " + base + "\nRUN true\n");
        String sha = repo.commit("needs buildah");
        assertThat(BuildahInstallation.find("/nowhere/buildah")).isEmpty();

        BuildFailure failure =
                catchThrowableOfType(BuildFailure.class, () -> workflow(new MissingBuildah("/nowhere/buildah"))
                        .build(request(repo, sha, uniqueRepository(), Builder.AUTO), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNSUPPORTED);
        assertThat(failure.reason()).contains("/nowhere/buildah", "apt-get install buildah");
    }

    private ImageBuildWorkflow workflow() {
        return workflow(buildah(storage, Duration.ofMinutes(5)));
    }

    private static BuildahImageBuilder buildah(Path storage, Duration timeout) {
        return new BuildahImageBuilder(
                BuildahInstallation.find("buildah").orElseThrow(),
                storage,
                Set.of(registry.host()),
                timeout,
                host -> Optional.empty());
    }

    private ImageBuildWorkflow workflow(dev.ferry.build.domain.DockerfileBuilder buildah) {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("jib-cache"), Set.of(registry.host()), host -> Optional.empty()),
                buildah,
                new Registries(List.of(new OciRegistry(ref -> Optional.empty(), Set.of(registry.host())))),
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    private static BuildRequest request(ServiceRepository repo, String sha, String repository, Builder builder) {
        return request(repo, sha, repository, builder, null);
    }

    /** @param deadline the phase's timeout, or null for none */
    private static BuildRequest request(
            ServiceRepository repo, String sha, String repository, Builder builder, Duration deadline) {
        var settings = new ImageSettings(
                registry.host(),
                repository,
                "{service}-{sha}",
                List.of("{service}-latest"),
                null,
                null,
                false,
                null,
                Map.of(),
                deadline);
        return new BuildRequest("user-service", repo.location(), sha, null, settings, builder);
    }

    /** The image's entrypoint followed by its command, as a container engine runs them. */
    private static List<String> command(JsonNode config) {
        var command = new ArrayList<String>();
        config.path("Entrypoint").forEach(word -> command.add(word.asText()));
        config.path("Cmd").forEach(word -> command.add(word.asText()));
        return command;
    }

    private static String uniqueRepository() {
        return "buildah/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
