package dev.ferry.demo.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Ferry's five services as five Spring Boot applications in this JVM, each with its own context, its own defaults
 * (see {@link OwnConfigClassLoader}), its own HTTP port and its own consumer group: they share the process and
 * nothing else, and reach each other only through the broker. A service can be stopped and started again, as the
 * crash test does.
 */
public final class EmbeddedServices implements AutoCloseable {

    /** Auto-configurations only the planner may run: the others would look for a database they do not have. */
    private static final String NO_DATABASE = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";

    private final Map<FerryService, Map<String, Object>> properties;
    private final List<ApplicationContextInitializer<?>> initializers;
    private final Map<FerryService, ConfigurableApplicationContext> running = new ConcurrentHashMap<>();
    /** One lock per service: restarting one service must not wait for another's start or stop. */
    private final Map<FerryService, Object> locks = new EnumMap<>(FerryService.class);

    /** @param properties each service's settings on top of its own defaults (Spring property names) */
    public EmbeddedServices(Map<FerryService, Map<String, Object>> properties) {
        this(properties, List.of());
    }

    /**
     * @param properties each service's settings on top of its own defaults (Spring property names)
     * @param initializers applied to every service's context before it is refreshed (a test's span exporter, say)
     */
    public EmbeddedServices(
            Map<FerryService, Map<String, Object>> properties, List<ApplicationContextInitializer<?>> initializers) {
        this.initializers = List.copyOf(initializers);
        this.properties = new EnumMap<>(properties);
        for (FerryService service : FerryService.values()) {
            locks.put(service, new Object());
        }
    }

    /**
     * Starts every service, all at once: a context start is mostly single-threaded work, so on two cores starting them
     * side by side takes about half the time. None waits for another; Kafka keeps what a later one has to read.
     */
    public void startAll() {
        // Each context would reset Logback as it starts, and five resetting it side by side corrupt its listener list
        // (a NoSuchElementException out of LoggerContext.start, seen in CI): Spring Boot leaves the process's logging
        // as it was configured, as ProcessLogging has it do for the demo.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        // Platform threads: a context start loads and initialises classes, which can pin a virtual thread's carrier;
        // with a carrier per core, two such waits deadlocked the start.
        try (ExecutorService starters = Executors.newFixedThreadPool(FerryService.values().length)) {
            for (FerryService service : FerryService.values()) {
                starts.add(CompletableFuture.runAsync(() -> start(service), starters));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public void start(FerryService service) {
        synchronized (locks.get(service)) {
            if (running.containsKey(service)) {
                throw new IllegalStateException(service.serviceName() + " is already running");
            }
            Map<String, Object> settings = new HashMap<>(properties.getOrDefault(service, Map.of()));
            if (service != FerryService.PLANNER) {
                settings.merge("spring.autoconfigure.exclude", NO_DATABASE, (a, b) -> a + "," + b);
            }
            var context = new SpringApplicationBuilder(service.application())
                    .resourceLoader(new DefaultResourceLoader(new OwnConfigClassLoader(service.application())))
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .initializers(initializers.toArray(ApplicationContextInitializer<?>[]::new))
                    // As arguments, which outrank the service's application.yml (default properties would not).
                    .run(settings.entrySet().stream()
                            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                            .toArray(String[]::new));
            running.put(service, context);
        }
    }

    /** Stops the service as a shutdown would: its listeners stop, its clients close, its port is freed. */
    public void stop(FerryService service) {
        synchronized (locks.get(service)) {
            var context = running.remove(service);
            if (context == null) {
                throw new IllegalStateException(service.serviceName() + " is not running");
            }
            context.close();
        }
    }

    public boolean isRunning(FerryService service) {
        return running.containsKey(service);
    }

    /** The HTTP port a running service listens on (status API, health, metrics). */
    public int port(FerryService service) {
        var context = Objects.requireNonNull(running.get(service), () -> service.serviceName() + " is not running");
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops every running service, the planner first so that it starts no new work meanwhile. */
    @Override
    public void close() {
        List<FerryService> order = new ArrayList<>(List.of(FerryService.values()));
        Collections.reverse(order);
        RuntimeException failure = null;
        for (FerryService service : order) {
            try {
                if (isRunning(service)) {
                    stop(service);
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
