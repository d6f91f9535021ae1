package dev.ferry.demo;

import dev.ferry.cli.CliFailure;
import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import dev.ferry.demo.embedded.ProcessLogging;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Ferry on one machine, in this process: a Kafka broker (KRaft), the embedded PostgreSQL and the five services, their
 * state and log under one data directory. {@code ferry demo}, {@code ferry up} and {@code ferry run} all start this.
 */
public final class LocalFerry implements AutoCloseable {

    private final EmbeddedBroker broker;
    private final EmbeddedServices services;

    private LocalFerry(EmbeddedBroker broker, EmbeddedServices services) {
        this.broker = broker;
        this.services = services;
    }

    /**
     * Starts the broker and the services, telling {@code out} each as it is up.
     *
     * @param registryHost where images go (null: image tarballs under the data directory)
     * @param plannerPort the planner's HTTP port (dashboard, status API); 0 for any free one
     * @param extraSettings per service, settings over the local defaults
     */
    public static LocalFerry start(
            DemoLayout layout,
            String registryHost,
            int plannerPort,
            Map<FerryService, Map<String, Object>> extraSettings,
            PrintWriter out) {
        long started = System.nanoTime();
        ProcessLogging.toFile(layout.log());
        EmbeddedBroker broker = EmbeddedBroker.start();
        out.printf(
                "  started a Kafka broker (KRaft, in this JVM) at %s (%s)%n",
                broker.bootstrapServers(), since(started));
        long servicesStarted = System.nanoTime();
        Map<FerryService, Map<String, Object>> settings = new EnumMap<>(FerryService.class);
        DemoSettings.of(layout, broker.bootstrapServers(), registryHost).forEach((service, values) -> {
            Map<String, Object> merged = new HashMap<>(values);
            merged.putAll(extraSettings.getOrDefault(service, Map.of()));
            settings.put(service, merged);
        });
        settings.get(FerryService.PLANNER).put("server.port", String.valueOf(plannerPort));
        var services = new EmbeddedServices(settings);
        try {
            services.startAll();
        } catch (RuntimeException e) {
            services.close();
            broker.close();
            throw new CliFailure(
                    "a service did not start: " + rootMessage(e) + " (details in " + layout.log() + ")", e);
        }
        var ferry = new LocalFerry(broker, services);
        out.printf(
                "  started planner-, repo-, build-, deploy- and notifier-service (%s); dashboard: %s,"
                        + " status API: %smigrations%n",
                since(servicesStarted), ferry.plannerUrl(), ferry.plannerUrl());
        return ferry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The planner's base URL, with the trailing slash: the dashboard is there, the status API under it. */
    public String plannerUrl() {
        return "http://localhost:" + services.port(FerryService.PLANNER) + "/";
    }

    public EmbeddedServices services() {
        return services;
    }

    /** Stops the services, then the broker. */
    @Override
    public void close() {
        try {
            services.close();
        } finally {
            broker.close();
        }
    }

    private static String since(long started) {
        return SummaryTable.seconds(java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
