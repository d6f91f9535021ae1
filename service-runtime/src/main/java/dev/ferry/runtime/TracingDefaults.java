package dev.ferry.runtime;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every step traced, not Spring Boot's default tenth: a Ferry service handles a few records per step, so keeping them
 * all costs little, and a step missing from its trace is the one somebody asks about. Lowest precedence: the setting
 * made anywhere else wins.
 */
public final class TracingDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "ferryTracingDefaults", Map.of("management.tracing.sampling.probability", "1.0")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
