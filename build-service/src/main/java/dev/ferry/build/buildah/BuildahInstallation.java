package dev.ferry.build.buildah;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds the buildah program, and says what to do when it is not there. */
public final class BuildahInstallation {

    /** The Debian package that installs buildah. */
    public static final String PACKAGE = "buildah";

    private BuildahInstallation() {}

    /**
     * The program {@code configured} names: a path, or a name looked up on {@code PATH} as a shell would. Empty when it
     * is not there or not executable.
     */
    public static Optional<Path> find(String configured) {
        if (configured.contains("/")) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, configured))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The failure of a build that needs buildah on a machine without it. */
    public static BuildFailure missing(String configured) {
        return BuildFailure.permanent(FailureKind.UNSUPPORTED, missingMessage(configured));
    }

    /** What is wrong and what to do, for a build that fails and for a service that refuses to start. */
    public static String missingMessage(String configured) {
        return "the buildah builder needs the program '" + configured + "', which is not installed on this"
                + " build-service machine (looked " + (configured.contains("/") ? "at that path" : "on PATH")
                + "): install Debian's package " + PACKAGE + " (apt-get install " + PACKAGE + "), set"
                + " ferry.build.buildah.executable to where it is, or set the service's image builder to jib (no RUN)"
                + " or github-actions";
    }
}
