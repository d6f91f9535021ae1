package dev.ferry.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files live and which version the images carry, as the build passes them to the tests. */
final class Repository {

    private Repository() {}

    static Path root() {
        String root = System.getProperty("ferry.root");
        Path path = root == null ? Path.of("..") : Path.of(root);
        if (!Files.isRegularFile(path.resolve("docker-compose.yml"))) {
            throw new IllegalStateException(
                    "no docker-compose.yml under " + path.toAbsolutePath().normalize()
                            + "; run the tests through Maven (it sets -Dferry.root) or from deployment-tests/");
        }
        return path.toAbsolutePath().normalize();
    }

    static Path chart() {
        return root().resolve("helm").resolve("ferry");
    }

    /** The Maven project version: Jib tags every image with it. */
    static String version() {
        String version = System.getProperty("ferry.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("-Dferry.version is not set; run the tests through Maven");
        }
        return version;
    }
}
