package dev.ferry.build.jib;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Translates what Jib throws into {@link BuildFailure}s that say which registry, what went wrong and what to do. */
final class JibFailures {

    private JibFailures() {}

    /**
     * @param what the work that failed, e.g. "pushing 127.0.0.1:5000/fitsync-ecr"
     * @param baseImage the FROM reference, to tell a missing base image from other missing things
     */
    static BuildFailure translate(Throwable thrown, String what, String baseImage) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            BuildFailure failure = classify(cause, what, baseImage);
            if (failure != null) {
                return failure;
            }
        }
        return BuildFailure.retryable(FailureKind.INTERNAL, what + " failed: " + describe(thrown), thrown);
    }

    private static BuildFailure classify(Throwable cause, String what, String baseImage) {
        return switch (cause) {
            case BuildFailure failure -> failure;
            case RegistryUnauthorizedException e -> authentication(what, e);
            case RegistryAuthenticationFailedException e -> authentication(what, e);
            case RegistryCredentialsNotSentException e -> authentication(what, e);
            case InsecureRegistryException e ->
                BuildFailure.permanent(
                        FailureKind.UNREACHABLE,
                        what + ": the registry does not speak verified HTTPS; list it as a plain-HTTP registry"
                                + " (ferry.build.plain-http-registries) if that is intended",
                        e);
            case ConnectException e -> unreachable(what, e);
            case UnknownHostException e -> unreachable(what, e);
            case NoRouteToHostException e -> unreachable(what, e);
            case SocketTimeoutException e -> unreachable(what, e);
            case CacheDirectoryCreationException e ->
                BuildFailure.permanent(
                        FailureKind.INTERNAL, what + ": cannot create the layer cache directory: " + describe(e), e);
            case RegistryException e
            when missingManifest(e) ->
                BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        what + ": base image " + baseImage + " was not found in its registry (" + describe(e)
                                + "); check the FROM line and that the image was pushed",
                        e);
            default -> null;
        };
    }

    private static boolean missingManifest(RegistryException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("manifest unknown")
                || message.contains("manifest_unknown")
                || message.contains("name unknown")
                || message.contains("pull image manifest");
    }

    private static BuildFailure authentication(String what, Exception e) {
        return BuildFailure.permanent(
                FailureKind.AUTHENTICATION,
                what + ": the registry refused the credentials (or none were configured): " + describe(e)
                        + ". Check the image's credentialRef, or the ECR permissions of the build role.",
                e);
    }

    private static BuildFailure unreachable(String what, Exception e) {
        return BuildFailure.retryable(FailureKind.UNREACHABLE, what + ": registry unreachable: " + describe(e), e);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
