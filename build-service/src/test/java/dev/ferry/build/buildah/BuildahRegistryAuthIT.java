package dev.ferry.build.buildah;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.build.domain.BuildContext;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.BuildRequest;
import dev.ferry.build.domain.Builder;
import dev.ferry.build.domain.DockerfileSource;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTags;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.PushedImage;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.RegistryCredentials;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.domain.UploadProgress;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import dev.ferry.build.jib.JibImageBuilder;
import dev.ferry.build.jib.OciRegistry;
import dev.ferry.build.testing.BusyboxBase;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * buildah pushing to a registry that demands a login (docker-registry with an htpasswd file): the plan's credentialRef
 * lets the push through, given to buildah in an auth file that is gone after the build, and a wrong password fails as
 * an authentication failure that does not print it.
 */
class BuildahRegistryAuthIT {

    private static final String USER = "ferry";
    private static final String PASSWORD = "s3cret-" + System.nanoTime();

    private static OciTestRegistry anonymous;
    private static OciTestRegistry guarded;

    @TempDir
    Path temp;

    @BeforeAll
    static void startRegistries() {
        OciTestRegistry.assumeInstalled();
        anonymous = OciTestRegistry.shared();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        guarded = OciTestRegistry.startWithHtpasswd(
                USER + ":" + OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), salt, 6));
        // The registry speaks plain HTTP; Jib (which looks tags up for the workflow) sends credentials there only when
        // told to.
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @AfterAll
    static void stop() {
        System.clearProperty("sendCredentialsOverHttp");
        if (guarded != null) {
            guarded.close();
        }
    }

    @Test
    void pushesWithTheCredentialsThePlanRefersToAndLeavesNoAuthFileBehind() throws Exception {
        PushedImage image =
                workflow(PASSWORD).build(request(), UploadProgress.NONE).image();

        var target = new ImageTarget.Registry(guarded.host(), "fitsync", new RegistryCredentials(USER, PASSWORD));
        assertThat(new OciRegistry(ref -> Optional.empty(), Set.of(guarded.host()))
                        .digestOf(target, image.tags().getFirst()))
                .contains(image.digest());
        try (Stream<Path> files = Files.walk(temp.resolve("buildah").resolve("tmp"), 1)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("auth-"));
        }
    }

    @Test
    void buildahsPushWithAWrongPasswordFailsAsAnAuthenticationFailureThatDoesNotPrintIt() throws Exception {
        Path context = Files.createDirectories(temp.resolve("context"));
        String dockerfile = "FROM " + BusyboxBase.pushedTo(anonymous.host()) + "\nRUN echo guarded > /g\n";
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        var source = new DockerfileSource(
                new BuildContext(context, "c0ffee", List.of()), "Dockerfile", dockerfile, Map.of());
        var target =
                new ImageTarget.Registry(guarded.host(), "fitsync", new RegistryCredentials(USER, "wrong-password"));

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> buildah()
                .push(source, target, new ImageTags("wrong", List.of()), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("credentialRef").doesNotContain("wrong-password");
    }

    @Test
    void writesTheAuthFileForItsOwnerOnly() throws Exception {
        try (AuthFile file =
                AuthFile.write(temp, Map.of("registry.example", new RegistryCredentials(USER, PASSWORD)))) {
            assertThat(Files.getPosixFilePermissions(file.path()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(file.path()))
                    .contains("\"registry.example\"")
                    .doesNotContain(PASSWORD);
        }
    }

    private ImageBuildWorkflow workflow(String password) {
        RegistrySecrets secrets = ref ->
                "registry-login".equals(ref) ? Optional.of(new RegistryCredentials(USER, password)) : Optional.empty();
        Set<String> plainHttp = Set.of(anonymous.host(), guarded.host());
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(temp.resolve("checkouts")),
                new JibImageBuilder(temp.resolve("jib-cache"), plainHttp, host -> Optional.empty()),
                buildah(),
                new Registries(List.of(new OciRegistry(secrets, plainHttp))),
                temp.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }

    private BuildahImageBuilder buildah() {
        return new BuildahImageBuilder(
                BuildahInstallation.find("buildah").orElseThrow(),
                temp.resolve("buildah"),
                Set.of(anonymous.host(), guarded.host()),
                Duration.ofMinutes(5),
                host -> Optional.empty());
    }

    private BuildRequest request() {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo"))
                .file("Dockerfile", "FROM " + BusyboxBase.pushedTo(anonymous.host()) + "\nRUN echo guarded > /g\n");
        String sha = repo.commit("guarded");
        var settings = new ImageSettings(
                guarded.host(), "fitsync", "{service}-{sha}", List.of(), null, "registry-login", false, null, Map.of());
        return new BuildRequest("user-service", repo.location(), sha, null, settings, Builder.BUILDAH);
    }
}
