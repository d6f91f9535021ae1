package dev.ferry.plan;

import java.util.List;
import java.util.Map;

/**
 * How a service's image is built and named.
 *
 * @param registry registry host ({@code 123456789012.dkr.ecr.us-east-2.amazonaws.com}); empty for OCI tarballs
 * @param repository image repository inside the registry ({@code fitsync-ecr})
 * @param tagTemplate immutable tag template ({@code {service}-{sha}})
 * @param movingTags templates of tags that move ({@code {service}-{env}})
 * @param builder one of {@link dev.ferry.plan.action.Build#BUILDERS}: {@code auto} (the default), {@code jib},
 *     {@code buildah} or {@code github-actions}
 * @param dockerfile Dockerfile path relative to the service's repository; null for the default
 * @param buildArgs Dockerfile build arguments
 */
public record ImageDefinition(
        String registry,
        String repository,
        String tagTemplate,
        List<String> movingTags,
        String builder,
        String dockerfile,
        String workflow,
        String credentialRef,
        Map<String, String> buildArgs) {

    public ImageDefinition {
        movingTags = List.copyOf(movingTags);
        buildArgs = Map.copyOf(buildArgs);
    }
}
