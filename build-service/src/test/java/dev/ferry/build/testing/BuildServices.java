package dev.ferry.build.testing;

import dev.ferry.build.BuildApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts build-service against the test broker and registry with every directory it writes under one test's folder,
 * so no test reads another's checkouts, caches or saved waits; starting again on the same folder is a restart.
 */
public final class BuildServices {

    private BuildServices() {}

    public static ConfigurableApplicationContext start(Path directory, String registryHost, String... extraArguments) {
        var arguments = new ArrayList<>(List.of(
                "--ferry.build.plain-http-registries=" + registryHost,
                "--ferry.build.work-directory=" + directory.resolve("checkouts"),
                "--ferry.build.cache-directory=" + directory.resolve("cache"),
                "--ferry.build.archive-directory=" + directory.resolve("images"),
                "--ferry.build.github-actions.state-directory=" + stateDirectory(directory)));
        arguments.addAll(List.of(extraArguments));
        return ServiceBoot.start(BuildApplication.class, arguments.toArray(String[]::new));
    }

    /** Where {@link #start} has build-service save the steps waiting for CI. */
    public static Path stateDirectory(Path directory) {
        return directory.resolve("waits");
    }
}
