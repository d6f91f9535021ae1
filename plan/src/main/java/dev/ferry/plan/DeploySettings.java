package dev.ferry.plan;

/**
 * A service's overrides of its environment's GitOps templates; every field is null when the service has none.
 * Templates may hold {@code {service}} and {@code {env}}.
 */
public record DeploySettings(String filePath, String keyPath, String application, String namespace) {

    public static DeploySettings none() {
        return new DeploySettings(null, null, null, null);
    }
}
