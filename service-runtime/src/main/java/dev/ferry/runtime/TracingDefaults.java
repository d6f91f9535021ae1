package dev.ferry.runtime;

import java.util.Map;

/**
 * Every step traced, not Spring Boot's default tenth: a Ferry service handles a few records per step, so keeping them
 * all costs little, and a step missing from its trace is the one somebody asks about. Lowest precedence: the setting
 * made anywhere else wins.
 */
public final class TracingDefaults extends FallbackSettings {

    public TracingDefaults() {
        super("ferryTracingDefaults");
    }

    @Override
    Map<String, Object> settings() {
        return Map.of("management.tracing.sampling.probability", "1.0");
    }
}
