package dev.ferry.demo;

import dev.ferry.demo.embedded.FerryService;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What the demo tells each embedded service on top of its own defaults: the broker, a free port, and a place under
 * the demo's data directory for everything it writes. No credential is set: every repository is local, images go to
 * tarballs or a registry that needs none, and notifications to the console.
 */
final class DemoSettings {

    private DemoSettings() {}

    static Map<FerryService, Map<String, Object>> of(DemoLayout layout, String bootstrapServers, String registryHost) {
        Map<FerryService, Map<String, Object>> settings = new EnumMap<>(FerryService.class);
        for (FerryService service : FerryService.values()) {
            Map<String, Object> common = new HashMap<>();
            common.put("spring.kafka.bootstrap-servers", bootstrapServers);
            common.put("server.port", "0");
            settings.put(service, common);
        }
        String repo = FerryService.REPO.serviceName();
        String build = FerryService.BUILD.serviceName();
        String deploy = FerryService.DEPLOY.serviceName();
        String planner = FerryService.PLANNER.serviceName();
        settings.get(FerryService.PLANNER)
                .put("ferry.planner.data-directory", layout.state(planner).toString());
        // One machine, no identity provider: the dashboard's buttons send commands as the local user, as the CLI
        // does over Kafka.
        settings.get(FerryService.PLANNER).put("ferry.planner.security.http-commands-without-login", "true");
        settings.get(FerryService.REPO)
                .put("ferry.repo.data-directory", layout.state(repo).toString());
        Map<String, Object> builds = settings.get(FerryService.BUILD);
        builds.put(
                "ferry.build.work-directory",
                layout.state(build).resolve("checkouts").toString());
        builds.put(
                "ferry.build.cache-directory",
                layout.state(build).resolve("cache").toString());
        builds.put("ferry.build.archive-directory", layout.images().toString());
        // Its own, not the machine's default: buildah's registries.conf there names this run's plain-HTTP registry,
        // and another run on the machine writing its own would leave this one's pushes speaking HTTPS to it.
        builds.put(
                "ferry.build.buildah.storage-directory",
                layout.state(build).resolve("buildah").toString());
        builds.put(
                "ferry.build.github-actions.state-directory",
                layout.state(build).resolve("github-actions-waits").toString());
        if (registryHost != null && isLocal(registryHost)) {
            // A registry on this machine (Debian's docker-registry, `registry:2`) speaks plain HTTP.
            builds.put("ferry.build.plain-http-registries", registryHost);
        }
        settings.get(FerryService.DEPLOY)
                .put("ferry.deploy.workspace-dir", layout.state(deploy).toString());
        settings.get(FerryService.DEPLOY)
                .put(
                        "ferry.deploy.traffic.state-directory",
                        layout.state(deploy).resolve("traffic").toString());
        // The demo prints its own summary table; the notifier's grid, printed again at each change, would bury it.
        settings.get(FerryService.NOTIFIER).put("ferry.notifier.console-updates", "false");
        return settings;
    }

    static boolean isLocal(String host) {
        return host.startsWith("localhost:") || host.startsWith("127.0.0.1:") || host.equals("localhost");
    }
}
