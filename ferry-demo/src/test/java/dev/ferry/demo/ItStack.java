package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.image.RunnableBase;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.SmartHttpGitServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a plan's IT runs on, closed together: a real git server whose every request needs a token, a broker, and Ferry's
 * embedded services on it, with repo-service's and build-service's credential {@code github-token} holding that token.
 */
final class ItStack implements AutoCloseable {

    final SmartHttpGitServer git;
    final EmbeddedBroker broker;
    final EmbeddedServices services;

    private ItStack(SmartHttpGitServer git, EmbeddedBroker broker, EmbeddedServices services) {
        this.git = git;
        this.broker = broker;
        this.services = services;
    }

    /**
     * @param data the test's own directory
     * @param buildCredentials more of build-service's credentials, name to value
     */
    static ItStack start(Path data, OciTestRegistry registry, String token, Map<String, String> buildCredentials) {
        return start(data, registry, token, buildCredentials, Map.of());
    }

    /** As {@link #start(Path, OciTestRegistry, String, Map)}, with more of deploy-service's settings. */
    static ItStack start(
            Path data,
            OciTestRegistry registry,
            String token,
            Map<String, String> buildCredentials,
            Map<String, Object> deploySettings) {
        var git = SmartHttpGitServer.start("x-access-token", token);
        EmbeddedBroker broker = null;
        try {
            broker = EmbeddedBroker.start();
            Map<FerryService, Map<String, Object>> settings = ItSettings.under(data, broker, registry.host());
            settings.get(FerryService.REPO).put("ferry.credentials.github-token", token);
            Map<String, Object> build = settings.get(FerryService.BUILD);
            build.put("ferry.build.credentials.github-token.password", token);
            buildCredentials.forEach(
                    (name, value) -> build.put("ferry.build.credentials." + name + ".password", value));
            settings.get(FerryService.DEPLOY).putAll(deploySettings);
            return new ItStack(git, broker, new EmbeddedServices(settings));
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            git.close();
            throw e;
        }
    }

    /** The registry this JVM's ITs share; the test is skipped where its binary is missing. */
    static OciTestRegistry registry() {
        OciTestRegistry.assumeInstalled();
        return OciTestRegistry.shared();
    }

    /** The busybox base a fixture's Dockerfile names in {@code FROM}, made under {@code data}. */
    static String runnableBase(Path data) {
        var base = RunnableBase.make(data.resolve("base/busybox.tar"), data.resolve("base-work"));
        assertThat(base).as("buildah and busybox make the base image").isInstanceOf(RunnableBase.Outcome.Made.class);
        return base.buildArg();
    }

    /** Starts every service; runs of plans that fail a test when they take longer than {@code timeout}. */
    PlanRuns startRuns(Duration timeout) {
        services.startAll();
        return new PlanRuns(
                broker.bootstrapServers(),
                "http://127.0.0.1:" + services.port(FerryService.PLANNER) + "/migrations/",
                timeout);
    }

    @Override
    public void close() {
        try {
            services.close();
        } finally {
            try {
                broker.close();
            } finally {
                git.close();
            }
        }
    }
}
