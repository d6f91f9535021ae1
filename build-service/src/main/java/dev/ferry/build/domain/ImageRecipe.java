package dev.ferry.build.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything needed to assemble a service image without running a container: a base image and the layers and
 * configuration put on top of it. Made from a Dockerfile ({@link DockerfileParser}) or from a plan's descriptor.
 *
 * @param baseImage image reference, or {@code scratch} for none
 * @param workingDirectory null to keep the base image's
 * @param user null to keep the base image's
 * @param entrypoint null to keep the base image's
 * @param command null to keep the base image's (or none when an entrypoint is set, as Docker does)
 */
public record ImageRecipe(
        String baseImage,
        List<CopyInstruction> copies,
        Map<String, String> environment,
        String workingDirectory,
        Set<String> exposedPorts,
        Set<String> volumes,
        String user,
        Map<String, String> labels,
        List<String> entrypoint,
        List<String> command) {

    public static final String SCRATCH = "scratch";

    public ImageRecipe {
        copies = List.copyOf(copies);
        // Ordered copies, never Map.copyOf/Set.copyOf: their iteration order changes from one JVM to the next, and the
        // image configuration (hence the digest) must not.
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        exposedPorts = Collections.unmodifiableSet(new TreeSet<>(exposedPorts));
        volumes = Collections.unmodifiableSet(new TreeSet<>(volumes));
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
    }
}
