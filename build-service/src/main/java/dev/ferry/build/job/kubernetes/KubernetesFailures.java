package dev.ferry.build.job.kubernetes;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.job.kubernetes.KubernetesClusters.Cluster;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;

/**
 * Turns fabric8's errors into failures that say whether to fix access, the plan or the namespace, or to wait for the
 * API server. The API server's own words are kept with the job's secret values masked (a validation error may echo a
 * value); fabric8's exception is kept as the cause only when it carries no response (a connection failure), so no
 * secret reaches a log through a stack trace either.
 */
final class KubernetesFailures {

    private KubernetesFailures() {}

    static BuildFailure translate(KubernetesClientException e, String doing, Cluster cluster, Set<String> secrets) {
        String where = doing + " in " + cluster;
        if (e.getStatus() == null && e.getCode() < 100) {
            return BuildFailure.retryable(
                    FailureKind.UNREACHABLE,
                    "cannot reach the Kubernetes API server at " + cluster.url() + " while " + where
                            + "; check the address and the network, the step is tried again",
                    e);
        }
        String said = masked(e.getStatus() != null ? e.getStatus().getMessage() : null, secrets);
        return switch (e.getCode()) {
            case 401, 403 ->
                BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        "the Kubernetes API refused " + where + " (HTTP " + e.getCode() + ": " + said
                                + "); check the token and its RBAC for jobs, pods, pods/log, configmaps and secrets");
            case 404 ->
                BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        "not found while " + where + " (" + said + "); does the namespace exist?");
            case 400, 422 ->
                BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        "the Kubernetes API rejected " + where + " (HTTP " + e.getCode() + ": " + said + ")");
            default ->
                BuildFailure.retryable(
                        FailureKind.UNREACHABLE,
                        "the Kubernetes API server at " + cluster.url() + " failed while " + where + " (HTTP "
                                + e.getCode() + ": " + said + "); the step is tried again",
                        null);
        };
    }

    private static String masked(String text, Set<String> secrets) {
        if (text == null) {
            return "no reason given";
        }
        String masked = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                masked = masked.replace(secret, "***");
            }
        }
        return masked;
    }
}
