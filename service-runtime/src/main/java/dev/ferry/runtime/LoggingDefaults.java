package dev.ferry.runtime;

import java.util.Map;

/**
 * Makes every log line of a Ferry service say which run, step and event it is about: the logging context holds them
 * while a record is handled ({@link RecordLogContext}), and the default pattern prints them after the level. Lowest
 * precedence: a service's own {@code logging.pattern.level} wins, and structured logs
 * ({@code logging.structured.format.console=ecs}) carry the whole context as fields anyway.
 */
public final class LoggingDefaults extends FallbackSettings {

    static final String LEVEL_PATTERN = "%5p [run=%X{migrationId:-} step=%X{step:-} event=%X{eventId:-}]";

    public LoggingDefaults() {
        super("ferryLoggingDefaults");
    }

    @Override
    Map<String, Object> settings() {
        return Map.of("logging.pattern.level", LEVEL_PATTERN);
    }
}
