package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.GitOpsTarget;
import java.util.Map;
import java.util.Set;

/**
 * One service's {@code manifests} step.
 *
 * @param service the plan's service, which names every object
 * @param composeService its name in the compose file (usually the same)
 * @param source the repository and branch that hold the compose file
 * @param composeFile the compose file's path in the source
 * @param variables the plan's values for interpolation
 * @param profiles the compose profiles turned on
 * @param gitops the GitOps branch the manifests go to
 * @param appDirectory the service's directory there ({@code apps/user-service})
 * @param image the image repository the overlays name
 * @param stepId the step's id, written as a trailer so a rerun is recognisable in history
 */
public record ManifestsRequest(
        String service,
        String composeService,
        GitOpsTarget source,
        String composeFile,
        Map<String, String> variables,
        Set<String> profiles,
        GitOpsTarget gitops,
        String appDirectory,
        String image,
        ManifestOptions options,
        String stepId) {

    public ManifestsRequest {
        variables = Map.copyOf(variables);
        profiles = Set.copyOf(profiles);
    }
}
