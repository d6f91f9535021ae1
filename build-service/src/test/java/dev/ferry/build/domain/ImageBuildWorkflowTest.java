package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.build.testing.InMemoryRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow's decisions with in-memory ports: what it asks the registry, when it retries, what it refuses. */
class ImageBuildWorkflowTest {

    private static final String SHA = "8dfc6292a37757a2c6751de04fbd97a6fe52e7ad";

    @TempDir
    Path context;

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final FakeBuilder builder = new FakeBuilder();
    private final FakeDockerfileBuilder buildah = new FakeDockerfileBuilder();
    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void pushesWithEveryTagAndConfirmsTheImmutableOne() {
        write("Dockerfile", "FROM base:1\nCOPY app.js /app/\n");
        write("app.js", "x");

        BuiltImage built = workflow().build(request("{service}-latest"), UploadProgress.NONE);

        assertThat(built.image().tags()).containsExactly("user-service-" + SHA, "user-service-latest");
        assertThat(builder.pushedPlans).singleElement().satisfies(plan -> assertThat(plan.layers())
                .singleElement()
                .isEqualTo(List.of(new FileCopy("app.js", "/app/app.js", null, null))));
        assertThat(registry.confirmed).containsExactly("user-service-" + SHA + "=" + builder.digest);
    }

    @Test
    void retriesAnUnreachableRegistryWithGrowingPausesThenGivesUp() {
        write("Dockerfile", "FROM base:1\n");
        registry.unreachableTimes = 10;

        BuildFailure failure =
                catchThrowableOfType(BuildFailure.class, () -> workflow().build(request(), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failure.reason()).contains("gave up after 3 attempts");
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(builder.pushedPlans).isEmpty();
    }

    @Test
    void aRegistryThatComesBackWithinTheAttemptsIsUsed() {
        write("Dockerfile", "FROM base:1\n");
        registry.unreachableTimes = 2;

        workflow().build(request(), UploadProgress.NONE);

        assertThat(builder.pushedPlans).hasSize(1);
    }

    @Test
    void doesNotRetryWhatRetryingCannotFix() {
        write("Dockerfile", "FROM base:1\n");
        builder.failure = BuildFailure.permanent(FailureKind.AUTHENTICATION, "denied");

        assertThat(catchThrowableOfType(BuildFailure.class, () -> workflow().build(request(), UploadProgress.NONE))
                        .kind())
                .isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(pauses).isEmpty();
    }

    @Test
    void letsTheSameImageThroughAnExistingImmutableTagButNotAnotherOne() {
        write("Dockerfile", "FROM base:1\n");
        registry.tags.put("user-service-" + SHA, builder.digest);

        workflow().build(request(), UploadProgress.NONE);
        assertThat(builder.pushedPlans).hasSize(1);

        registry.tags.put("user-service-" + SHA, "sha256:other");
        BuildFailure failure =
                catchThrowableOfType(BuildFailure.class, () -> workflow().build(request(), UploadProgress.NONE));
        assertThat(failure.kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(builder.pushedPlans).hasSize(1);
    }

    @Test
    void usesThePlansDescriptorWhenTheRepositoryHasNoDockerfile() {
        write("dist/server.js", "x");
        var descriptor = new ImageDescriptor(
                "base:1", Map.of("dist/server.js", "/srv/server.js"), List.of("node", "/srv/server.js"), 8080);
        var settings = new ImageSettings(
                "registry.local", "apps", "{service}-{sha}", List.of(), null, null, false, descriptor, Map.of());

        workflow()
                .build(new BuildRequest("user-service", "repo", SHA, null, settings, Builder.JIB), UploadProgress.NONE);

        ImagePlan plan = builder.pushedPlans.getFirst();
        assertThat(plan.recipe().entrypoint()).containsExactly("node", "/srv/server.js");
        assertThat(plan.recipe().exposedPorts()).containsExactly("8080/tcp");
        assertThat(plan.layers().getFirst())
                .containsExactly(new FileCopy("dist/server.js", "/srv/server.js", null, null));
    }

    @Test
    void saysWhatIsMissingWhenThereIsNeitherDockerfileNorDescriptor() {
        assertThat(catchThrowableOfType(BuildFailure.class, () -> workflow().build(request(), UploadProgress.NONE))
                        .reason())
                .contains("no Dockerfile")
                .contains(SHA)
                .contains("image descriptor");
    }

    @Test
    void autoBuildsADockerfileWithoutRunWithJib() {
        write("Dockerfile", "FROM base:1\nCOPY app.js /app/\n");
        write("app.js", "x");

        BuiltImage built = workflow().build(request(Builder.AUTO), UploadProgress.NONE);

        assertThat(built.builder()).isEqualTo(Builder.JIB);
        assertThat(builder.pushedPlans).hasSize(1);
        assertThat(buildah.pushed).isEmpty();
    }

    @Test
    void autoHandsWhatJibCannotBuildToBuildah() {
        write("Dockerfile", "FROM base:1 AS build\nRUN make\nFROM base:1\nCOPY --from=build /out /app\n");

        BuiltImage built = workflow().build(request(Builder.AUTO), UploadProgress.NONE);

        assertThat(built.builder()).isEqualTo(Builder.BUILDAH);
        assertThat(buildah.pushed).singleElement().satisfies(source -> assertThat(source.dockerfile())
                .isEqualTo("Dockerfile"));
        assertThat(builder.pushedPlans).isEmpty();
    }

    @Test
    void autoDoesNotHandAnInvalidDockerfileToBuildah() {
        write("Dockerfile", "FROM base:1\nENV =oops\n");

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> workflow().build(request(Builder.AUTO), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason()).startsWith("Dockerfile:2");
        assertThat(buildah.pushed).isEmpty();
    }

    @Test
    void aForcedJibBuilderStillRefusesRunAndNamesTheBuildersThatCan() {
        write("Dockerfile", "FROM base:1\nRUN make\n");

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> workflow().build(request(Builder.JIB), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNSUPPORTED);
        assertThat(failure.reason()).startsWith("Dockerfile:2: RUN").contains("buildah");
        assertThat(buildah.pushed).isEmpty();
    }

    @Test
    void buildahNeedsADockerfileEvenWhenThePlanHasADescriptor() {
        var descriptor = new ImageDescriptor("base:1", Map.of(), List.of("node"), 8080);
        var settings = new ImageSettings(
                "registry.local", "apps", "{service}-{sha}", List.of(), null, null, false, descriptor, Map.of());

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow()
                .build(
                        new BuildRequest("user-service", "repo", SHA, null, settings, Builder.BUILDAH),
                        UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason()).contains("no Dockerfile", "buildah builder builds from a Dockerfile");
    }

    private ImageBuildWorkflow workflow() {
        SourceCheckouts checkouts = new SourceCheckouts() {
            @Override
            public <T> T withCheckout(
                    String repository, String commit, String credentialRef, Function<BuildContext, T> build) {
                return build.apply(new BuildContext(context, commit, List.of()));
            }
        };
        return new ImageBuildWorkflow(
                checkouts,
                builder,
                buildah,
                new Registries(List.of(registry)),
                context.resolve("archives"),
                new Retry(3, Duration.ofMillis(100), pauses::add),
                Clock.systemUTC());
    }

    private static BuildRequest request(Builder requested) {
        var settings = new ImageSettings(
                "registry.local", "apps", "{service}-{sha}", List.of(), null, null, false, null, Map.of());
        return new BuildRequest("user-service", "repo", SHA, null, settings, requested);
    }

    private static BuildRequest request(String... moving) {
        var settings = new ImageSettings(
                "registry.local", "apps", "{service}-{sha}", List.of(moving), null, null, false, null, Map.of());
        return new BuildRequest("user-service", "repo", SHA, null, settings, Builder.JIB);
    }

    private void write(String path, String content) {
        try {
            Path file = context.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class FakeBuilder implements ImageBuilder {
        final String digest = "sha256:" + "a".repeat(64);
        final List<ImagePlan> pushedPlans = new ArrayList<>();
        BuildFailure failure;

        @Override
        public String digestOf(ImagePlan plan, ImageTarget target) {
            return digest;
        }

        @Override
        public PushedImage push(ImagePlan plan, ImageTarget target, ImageTags tags, UploadProgress progress) {
            if (failure != null) {
                throw failure;
            }
            pushedPlans.add(plan);
            return new PushedImage(target.name() + "@" + digest, digest, tags.all(), 10, 1, 0, 10);
        }
    }

    private static final class FakeDockerfileBuilder implements DockerfileBuilder {
        final String digest = "sha256:" + "b".repeat(64);
        final List<DockerfileSource> pushed = new ArrayList<>();

        @Override
        public String digestOf(DockerfileSource source, ImageTarget target) {
            return digest;
        }

        @Override
        public PushedImage push(DockerfileSource source, ImageTarget target, ImageTags tags, UploadProgress progress) {
            pushed.add(source);
            return new PushedImage(target.name() + "@" + digest, digest, tags.all(), 10, 1, 0, 10);
        }
    }
}
