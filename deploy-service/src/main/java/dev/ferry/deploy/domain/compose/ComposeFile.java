package dev.ferry.deploy.domain.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compose file as read: its services by name in file order, and the files its top-level {@code configs} name (a
 * config's content goes into a ConfigMap, so it is read along with the compose file).
 *
 * @param configFiles each top-level config's file, relative to the compose file's directory
 */
public record ComposeFile(String file, Map<String, ComposeService> services, Map<String, String> configFiles) {

    public ComposeFile {
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        configFiles = Map.copyOf(configFiles);
    }

    public Optional<ComposeService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The services that list {@code name} in their {@code depends_on}: who must be able to reach it. */
    public List<String> dependentsOf(String name) {
        return services.values().stream()
                .filter(s -> s.dependsOn().contains(name))
                .map(ComposeService::name)
                .toList();
    }
}
