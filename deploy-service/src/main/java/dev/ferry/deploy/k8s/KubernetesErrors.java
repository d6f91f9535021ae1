package dev.ferry.deploy.k8s;

import dev.ferry.deploy.domain.StepFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns fabric8's errors into failures that say whether to fix access, the plan, or wait for the API server. */
final class KubernetesErrors {

    private KubernetesErrors() {}

    static StepFailure translate(String doing, KubernetesClientException e) {
        return switch (e.getCode()) {
            case 401, 403 ->
                new StepFailure(
                        StepFailure.Kind.AUTHENTICATION,
                        false,
                        "the Kubernetes API refused " + doing + " (HTTP " + e.getCode()
                                + "); check the service account's RBAC for this resource",
                        e);
            case 404 -> new StepFailure(StepFailure.Kind.NOT_FOUND, false, "not found while " + doing, e);
            case 409 -> new StepFailure(StepFailure.Kind.CONFLICT, true, "conflict while " + doing + "; retry", e);
            default ->
                new StepFailure(
                        StepFailure.Kind.UNREACHABLE,
                        true,
                        "the Kubernetes API failed while " + doing + ": " + e.getMessage(),
                        e);
        };
    }
}
