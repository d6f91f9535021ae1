package dev.ferry.demo.embedded;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

/**
 * One logging set-up for a process that runs the embedded services: every service's log, the broker's included, goes
 * to one file, and only errors reach the console (see {@code embedded-logback.xml}).
 *
 * <p>Spring Boot is told to leave logging alone: each context would otherwise reset Logback as it starts, and five
 * contexts starting side by side reset it concurrently, which Logback does not survive (lists of listeners corrupted
 * mid-start).
 */
public final class ProcessLogging {

    private static final String CONFIGURATION = "/dev/ferry/demo/embedded/embedded-logback.xml";

    private ProcessLogging() {}

    public static void toFile(Path logFile) {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return; // Another SLF4J binding (an embedding application's): its configuration stands.
        }
        // Tomcat and a few others log through java.util.logging, which Spring Boot would otherwise have bridged.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        logback.reset();
        logback.putProperty("LOG_FILE", logFile.toString());
        var configurator = new JoranConfigurator();
        configurator.setContext(logback);
        try {
            configurator.doConfigure(ProcessLogging.class.getResource(CONFIGURATION));
        } catch (JoranException e) {
            throw new IllegalStateException(
                    "the embedded services' logging configuration " + CONFIGURATION + " is broken", e);
        }
    }
}
