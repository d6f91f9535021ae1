package dev.ferry.deploy.domain;

import java.util.Objects;

/**
 * What the bootstrap needs to lay out one service in one environment the way seed 001 does: a Kustomize base and
 * overlay, an Argo CD Application and the environment's AppProject.
 *
 * @param overlayFile the plan's gitops.filePath, e.g. {@code apps/auth/overlays/dev/kustomization.yaml}; the base goes
 *     two directories up, in {@code base/}
 * @param image repository the overlay points the service's image at, e.g. {@code registry.gitlab.com/ta/auth}
 * @param repositoryUrl the GitOps repository's URL as Argo CD should fetch it
 * @param port container port the probes and the Service use
 * @param healthPath HTTP path of the liveness and readiness probes
 * @param autoSync whether the Application syncs by itself (else Ferry requests each sync)
 * @param application the Argo CD Application's name, as the plan names it ({@code auth-prod} for production in seed 001)
 * @param argocdNamespace the namespace of Argo CD's Applications in the environment's cluster
 * @param namespace the namespace the overlay deploys to
 */
public record BootstrapSpec(
        String service,
        String environment,
        String overlayFile,
        String image,
        String repositoryUrl,
        int port,
        String healthPath,
        boolean autoSync,
        String application,
        String argocdNamespace,
        String namespace) {

    public BootstrapSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        overlayFile = RepositoryPath.of(overlayFile);
        if (!overlayFile.endsWith("/overlays/" + environment + "/kustomization.yaml")) {
            throw StepFailure.invalid("bootstrap lays out <app>/overlays/<env>/kustomization.yaml (seed 001), but"
                    + " gitops.filePath is " + overlayFile + " for environment " + environment);
        }
        if (port < 1 || port > 65535) {
            throw StepFailure.invalid("bootstrap port " + port + " for " + service + " is not a TCP port");
        }
        if (healthPath == null || !healthPath.startsWith("/")) {
            throw StepFailure.invalid("bootstrap healthPath '" + healthPath + "' for " + service
                    + " must be an absolute HTTP path such as /health");
        }
    }

    /** The Application's file: {@code apps/auth/application-dev.yaml}. */
    public String applicationFile() {
        return appDirectory() + "/application-" + environment + ".yaml";
    }

    /** {@code apps/auth} for {@code apps/auth/overlays/dev/kustomization.yaml}. */
    String appDirectory() {
        return overlayFile.substring(
                0, overlayFile.length() - ("/overlays/" + environment + "/kustomization.yaml").length());
    }
}
