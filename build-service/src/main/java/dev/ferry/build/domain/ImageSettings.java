package dev.ferry.build.domain;

import java.time.Duration;
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
 * @param deadline how long the step may take (the phase's timeout), so a RUN that never ends stops with it; null for
 *     the builder's own limit
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
        Map<String, String> buildArgs,
        Duration deadline) {

    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    public ImageSettings {
        movingTags = List.copyOf(movingTags);
        buildArgs = Map.copyOf(buildArgs);
        dockerfile = dockerfile == null || dockerfile.isBlank() ? DEFAULT_DOCKERFILE : dockerfile;
    }

    /** Settings with no deadline of the step's own. */
    public ImageSettings(
            String registry,
            String repository,
            String tagTemplate,
            List<String> movingTags,
            String dockerfile,
            String credentialRef,
            boolean createRepository,
            ImageDescriptor descriptor,
            Map<String, String> buildArgs) {
        this(
                registry,
                repository,
                tagTemplate,
                movingTags,
                dockerfile,
                credentialRef,
                createRepository,
                descriptor,
                buildArgs,
                null);
    }

    /** Whether the image goes to a registry rather than into an archive. */
    public boolean pushesToRegistry() {
        return registry != null && !registry.isBlank();
    }
}
