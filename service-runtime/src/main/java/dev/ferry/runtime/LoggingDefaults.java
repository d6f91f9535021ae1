package dev.ferry.runtime;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes every log line of a Ferry service say which run, step and event it is about: the logging context holds them
 * while a record is handled ({@link RecordLogContext}), and the default pattern prints them after the level. Lowest
 * precedence: a service's own {@code logging.pattern.level} wins, and structured logs
 * ({@code logging.structured.format.console=ecs}) carry the whole context as fields anyway.
 */
public final class LoggingDefaults implements EnvironmentPostProcessor, Ordered {

    static final String LEVEL_PATTERN = "%5p [run=%X{migrationId:-} step=%X{step:-} event=%X{eventId:-}]";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("ferryLoggingDefaults", Map.of("logging.pattern.level", LEVEL_PATTERN)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
