package dev.ferry.deploy.domain.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a compose file, interpolated and checked, with the line it starts on so that every later problem can
 * name it.
 *
 * @param image the image, empty when the service is only built (the plan's registry then names it)
 * @param environment variables from {@code env_file} then {@code environment} (which wins), in file order
 * @param entrypoint replaces the image's entrypoint (Kubernetes {@code command}); empty to keep it
 * @param command replaces the image's command (Kubernetes {@code args}); empty to keep it
 * @param replicas {@code deploy.replicas}, empty when not given
 * @param unfaithful the features this service uses that no Kubernetes object reproduces
 */
public record ComposeService(
        String name,
        int line,
        Optional<String> image,
        List<Port> ports,
        Map<String, String> environment,
        List<String> entrypoint,
        List<String> command,
        Optional<HealthCheck> healthCheck,
        List<String> dependsOn,
        List<Volume> volumes,
        Optional<Integer> replicas,
        Resources resources,
        List<FileMount> secrets,
        List<FileMount> configs,
        List<String> profiles,
        List<Finding> unfaithful) {

    public ComposeService {
        ports = List.copyOf(ports);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        dependsOn = List.copyOf(dependsOn);
        volumes = List.copyOf(volumes);
        secrets = List.copyOf(secrets);
        configs = List.copyOf(configs);
        profiles = List.copyOf(profiles);
        unfaithful = List.copyOf(unfaithful);
    }

    /**
     * A port the container listens on.
     *
     * @param published the port other services reach it on (the Service's port); the container port when only exposed
     */
    public record Port(int container, int published, String protocol) {}

    /**
     * A compose healthcheck.
     *
     * @param test the command as compose runs it: {@code CMD} words as they are, {@code CMD-SHELL} as {@code sh -c}
     */
    public record HealthCheck(
            List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {

        public HealthCheck {
            test = List.copyOf(test);
        }
    }

    /** A named volume mounted at {@code target}; bind mounts never get here, they are findings. */
    public record Volume(String name, String target, boolean readOnly) {}

    /** CPU in millicores and memory in bytes; zero when not given. */
    public record Resources(
            long cpuLimitMillis, long memoryLimitBytes, long cpuRequestMillis, long memoryRequestBytes) {
        static final Resources NONE = new Resources(0, 0, 0, 0);
    }

    /**
     * A compose secret or config mounted as a file.
     *
     * @param source its name in the file's top-level {@code secrets} or {@code configs}
     * @param target the absolute path in the container
     * @param line where the service names it, for errors
     */
    public record FileMount(String source, String target, int line) {}

    /** Something compose does here that Kubernetes cannot, reported where it is written. */
    public record Finding(String service, String location, String feature, String why) {
        @Override
        public String toString() {
            return service + " (" + location + "): " + feature + " — " + why;
        }
    }
}
