package dev.ferry.build.jib;

import dev.ferry.build.buildah.MissingBuildah;
import dev.ferry.build.domain.ImageBuildWorkflow;
import dev.ferry.build.domain.Registries;
import dev.ferry.build.domain.RegistrySecrets;
import dev.ferry.build.domain.Retry;
import dev.ferry.build.jgit.JGitSourceCheckouts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The build workflow of the registry auth ITs: Jib only, against one plain-HTTP registry, one try per step. */
final class JibWorkflows {

    private JibWorkflows() {}

    /** Checkouts, layer cache and archives under {@code directory}; credentials from {@code secrets}. */
    static ImageBuildWorkflow against(String registryHost, RegistrySecrets secrets, Path directory) {
        return new ImageBuildWorkflow(
                new JGitSourceCheckouts(directory.resolve("checkouts")),
                new JibImageBuilder(directory.resolve("cache"), Set.of(registryHost), secrets::lookup),
                new MissingBuildah("buildah"),
                new Registries(List.of(new OciRegistry(secrets, Set.of(registryHost)))),
                directory.resolve("archives"),
                new Retry(1, Duration.ZERO, pause -> {}),
                Clock.systemUTC());
    }
}
