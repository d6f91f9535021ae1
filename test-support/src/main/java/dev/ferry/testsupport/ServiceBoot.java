package dev.ferry.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Ferry service's Spring Boot application against the JVM's test broker, as its main method would, so a
 * service's integration test runs the real wiring rather than a slice of it.
 */
public final class ServiceBoot {

    private ServiceBoot() {}

    /** Starts {@code application} with the test broker and a random HTTP port; close the context to stop it. */
    public static ConfigurableApplicationContext start(Class<?> application, String... extraArguments) {
        var arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.shared().bootstrapServers(),
                "--server.port=0",
                "--management.server.port=0"));
        arguments.addAll(List.of(extraArguments));
        return SpringApplication.run(application, arguments.toArray(String[]::new));
    }

    /**
     * Starts the service, checks that its context came up and is running (listeners connected, topics provisioned),
     * and stops it again; fails with Spring's own reason when the wiring is broken.
     */
    public static void assertStartsAndStops(Class<?> application) {
        try (var context = start(application)) {
            if (!context.isRunning()) {
                throw new AssertionError(application.getSimpleName() + " started but its context is not running");
            }
        }
    }
}
