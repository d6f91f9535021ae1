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
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry that demands basic auth (docker-registry with an htpasswd file): the plan's credentialRef is what
 * lets a push through, and a missing or wrong secret fails the step as an authentication failure.
 */
class RegistryAuthIT {

    private static final String USER = "ferry";
    private static final String PASSWORD = "s3cret-" + System.nanoTime();

    private static OciTestRegistry registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void startAuthenticatingRegistry() throws Exception {
        OciTestRegistry.assumeInstalled();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        registry = OciTestRegistry.startWithHtpasswd(
                USER + ":" + OpenBSDBCrypt.generate("2a", PASSWORD.toCharArray(), salt, 6));
        // The test registry speaks plain HTTP; Jib sends credentials there only when told to.
        System.setProperty("sendCredentialsOverHttp", "true");
        BaseImages.pushWithLogin(registry.host(), "base/runtime:1", USER, PASSWORD, 42, 50_000);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("sendCredentialsOverHttp");
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pushesWithTheCredentialsThePlanRefersTo() {
        RegistrySecrets secrets = secrets(PASSWORD);
        PushedImage image = workflow(secrets)
                .build(request("registry-login"), UploadProgress.NONE)
                .image();

        var target = new ImageTarget.Registry(registry.host(), "fitsync-ecr", new RegistryCredentials(USER, PASSWORD));
        assertThat(OciRegistry.digestOf(target, image.tags().getFirst(), true)).contains(image.digest());
    }

    @Test
    void failsAsAnAuthenticationFailureWithoutCredentials() {
        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> workflow(ref -> Optional.empty()).build(request(null), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void failsAsAnAuthenticationFailureWithAWrongPasswordAndNeverPrintsIt() {
        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(secrets("wrong-password"))
                .build(request("registry-login"), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.reason()).doesNotContain("wrong-password").contains("credentialRef");
    }

    @Test
    void namesACredentialRefThatHasNoSecret() {
        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> workflow(ref -> Optional.empty())
                .build(request("registry-login"), UploadProgress.NONE));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(failure.reason()).contains("credentialRef registry-login").contains("names no configured secret");
    }

    @Test
    void movesAnEnvironmentTagToTheVerifiedDigestByCopyingItsManifest() {
        RegistrySecrets secrets = secrets(PASSWORD);
        PushedImage older = pushed(secrets, "console.log('v1')");
        PushedImage verified = pushed(secrets, "console.log('v2')");
        TagPromotions promotions = promotions(secrets);
        promotions.promote(promotion(older.digest()));

        TagPromotions.Moved moved = promotions.promote(promotion(verified.digest()));
        TagPromotions.Moved again = promotions.promote(promotion(verified.digest()));

        assertThat(verified.digest()).isNotEqualTo(older.digest());
        assertThat(OciRegistry.digestOf(authenticated(), "user-service-staging", true))
                .contains(verified.digest());
        assertThat(moved.previousDigest()).contains(older.digest());
        assertThat(moved.reference()).isEqualTo(registry.host() + "/fitsync-ecr:user-service-staging");
        assertThat(again.alreadyThere()).isTrue();
    }

    @Test
    void leavesTheTagAloneWhenTheRepositoryLacksTheDigest() {
        RegistrySecrets secrets = secrets(PASSWORD);
        PushedImage image = pushed(secrets, "console.log('kept')");
        promotions(secrets)
                .promote(new TagPromotion("user-service", settings("registry-login"), "kept-dev", image.digest()));
        String absent = "sha256:" + "0".repeat(64);

        BuildFailure failure = catchThrowableOfType(BuildFailure.class, () -> promotions(secrets)
                .promote(new TagPromotion("user-service", settings("registry-login"), "kept-dev", absent)));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure.reason()).contains(absent).contains("kept-dev");
        assertThat(OciRegistry.digestOf(authenticated(), "kept-dev", true)).contains(image.digest());
    }

    private PushedImage pushed(RegistrySecrets secrets, String app) {
        return workflow(secrets)
                .build(request("registry-login", app), UploadProgress.NONE)
                .image();
    }

    private static TagPromotion promotion(String digest) {
        return new TagPromotion("user-service", settings("registry-login"), "user-service-staging", digest);
    }

    private static TagPromotions promotions(RegistrySecrets secrets) {
        return new TagPromotions(
                new Registries(List.of(new OciRegistry(secrets, Set.of(registry.host())))),
                new Retry(1, Duration.ZERO, pause -> {}));
    }

    private static ImageTarget.Registry authenticated() {
        return new ImageTarget.Registry(registry.host(), "fitsync-ecr", new RegistryCredentials(USER, PASSWORD));
    }

    private static RegistrySecrets secrets(String password) {
        // Stored under the plan's credentialRef for pushes, and under the host for pulling the base image.
        return ref -> "registry-login".equals(ref) || registry.host().equals(ref)
                ? Optional.of(new RegistryCredentials(USER, password))
                : Optional.empty();
    }

    private ImageBuildWorkflow workflow(RegistrySecrets secrets) {
        return JibWorkflows.against(registry.host(), secrets, temp);
    }

    private BuildRequest request(String credentialRef) {
        return request(credentialRef, "console.log('u')");
    }

    private BuildRequest request(String credentialRef, String app) {
        ServiceRepository repo = ServiceRepository.create(temp.resolve("repo-" + System.nanoTime()))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY app.js /app/\n")
                .file("app.js", app);
        String sha = repo.commit("user");
        return new BuildRequest("user-service", repo.location(), sha, null, settings(credentialRef), Builder.JIB);
    }

    private static ImageSettings settings(String credentialRef) {
        return new ImageSettings(
                registry.host(),
                "fitsync-ecr",
                "{service}-{sha}",
                List.of(),
                null,
                credentialRef,
                false,
                null,
                Map.of());
    }
}
