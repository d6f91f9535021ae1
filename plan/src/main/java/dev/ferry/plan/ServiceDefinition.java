package dev.ferry.plan;

import java.util.List;
import java.util.Map;

/**
 * One service of the plan, with the plan's defaults merged in.
 *
 * @param path relative, normalised path of the service in the source repository ({@code services/user-service})
 * @param target where its split history goes; null when the plan has no split phase
 * @param image how its image is built and tagged; null when the plan has no build phase
 * @param deploy per-service overrides of the GitOps settings; never null (all fields may be null)
 * @param port the port the service listens on, or null when unknown
 * @param parameters free-form values passed to the workers as {@code ServiceWork.parameters}
 *     (e.g. {@code build-arg.NODE_ENV=production})
 * @param paths the directories a service (a shared library, say) is split from when it has several, each with its place
 *     in the service's repository; empty when {@code path} alone is split to the repository's root
 */
public record ServiceDefinition(
        String name,
        String path,
        TargetRepositoryDefinition target,
        ImageDefinition image,
        DeploySettings deploy,
        Integer port,
        Map<String, String> parameters,
        List<SplitPath> paths) {

    public ServiceDefinition {
        parameters = Map.copyOf(parameters);
        paths = List.copyOf(paths);
    }
}
