package dev.ferry.runtime;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Ferry service gets unless it makes them itself: added after every other property source, so a
 * service's {@code application.yml}, its environment or its command line wins.
 */
abstract class FallbackSettings implements EnvironmentPostProcessor, Ordered {

    private final String name;

    FallbackSettings(String name) {
        this.name = name;
    }

    /** Property name to value. */
    abstract Map<String, Object> settings();

    @Override
    public final void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(name, settings()));
    }

    @Override
    public final int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
