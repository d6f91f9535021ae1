package dev.ferry.build.ecr;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates AWS SDK failures of ECR calls into {@link BuildFailure}s that say which call and what to do. */
final class EcrFailures {

    private static final Set<String> AUTHENTICATION_CODES = Set.of(
            "AccessDeniedException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "ExpiredTokenException",
            "MissingAuthenticationTokenException");

    private EcrFailures() {}

    static BuildFailure translate(SdkException e, String what) {
        return switch (e) {
            case AwsServiceException service
            when isAuthentication(service) ->
                BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        what + ": AWS refused the request (" + code(service) + "): "
                                + service.awsErrorDetails().errorMessage()
                                + ". Check the build role's ECR permissions (ecr:GetAuthorizationToken, push actions).",
                        e);
            case AwsServiceException service
            when service.statusCode() == 429 || service.statusCode() >= 500 ->
                BuildFailure.retryable(
                        FailureKind.UNREACHABLE,
                        what + ": ECR answered " + service.statusCode() + " (" + code(service) + ")",
                        e);
            case AwsServiceException service ->
                BuildFailure.permanent(
                        FailureKind.INTERNAL,
                        what + ": ECR refused the request (" + code(service) + "): " + e.getMessage(),
                        e);
            case SdkClientException client ->
                BuildFailure.retryable(
                        FailureKind.UNREACHABLE, what + ": ECR API unreachable: " + client.getMessage(), e);
            default -> BuildFailure.retryable(FailureKind.INTERNAL, what + ": " + e.getMessage(), e);
        };
    }

    private static boolean isAuthentication(AwsServiceException e) {
        return e.statusCode() == 401 || e.statusCode() == 403 || AUTHENTICATION_CODES.contains(code(e));
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
    }
}
