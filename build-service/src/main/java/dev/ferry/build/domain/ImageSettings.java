package dev.ferry.build.domain;

import java.util.List;
import java.util.Map;

/**
 * The plan's image settings for one service.
 *
 * @param registry registry host, or blank to write an image archive instead of pushing
 * @param dockerfile path of the Dockerfile in the service's repository
 * @param credentialRef name of the secret with registry credentials, or null
 * @param createRepository whether a missing repository may be created (ECR)
 * @param descriptor the plan's image description, used when the repository has no Dockerfile; may be null
 * @param buildArgs values for the Dockerfile's ARGs
 */
public record ImageSettings(
        String registry,
        String repository,
        String tagTemplate,
        List<String> movingTags,
        String dockerfile,
        String credentialRef,
        boolean createRepository,
        ImageDescriptor descriptor,
        Map<String, String> buildArgs) {

    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    public ImageSettings {
        movingTags = List.copyOf(movingTags);
        buildArgs = Map.copyOf(buildArgs);
        dockerfile = dockerfile == null || dockerfile.isBlank() ? DEFAULT_DOCKERFILE : dockerfile;
    }

    /** Whether the image goes to a registry rather than into an archive. */
    public boolean pushesToRegistry() {
        return registry != null && !registry.isBlank();
    }
}
