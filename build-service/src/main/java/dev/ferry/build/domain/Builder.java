package dev.ferry.build.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which builder makes a service's image, as the plan's {@code image.builder} names it: {@code auto} lets Ferry pick
 * Jib when the Dockerfile needs no container and buildah otherwise; the others force one.
 */
public enum Builder {
    /** Jib when it can build the Dockerfile, buildah when it needs a container (RUN, stages). */
    AUTO("auto"),
    /** In-process with Jib: no container runtime, no privileges, no RUN. */
    JIB("jib"),
    /** Debian's buildah, which runs each RUN in a chroot: anything a Dockerfile can say. */
    BUILDAH("buildah"),
    /** The service repository's own GitHub Actions workflow; build-service waits for its run. */
    GITHUB_ACTIONS("github-actions");

    private final String planName;

    Builder(String planName) {
        this.planName = planName;
    }

    /** How plans and events spell it ({@code github-actions}). */
    public String planName() {
        return planName;
    }

    /** The builder a plan names; null or blank is {@link #AUTO}, the default. */
    public static Builder named(String name) {
        if (name == null || name.isBlank()) {
            return AUTO;
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(builder -> builder.planName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> BuildFailure.permanent(
                        FailureKind.INVALID_INPUT,
                        "unknown image builder '" + name + "'; build-service offers "
                                + Arrays.stream(values()).map(Builder::planName).collect(Collectors.joining(", "))));
    }
}
