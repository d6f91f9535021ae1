package dev.ferry.runtime;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What an operator expects of every Ferry service without setting it, at lowest precedence (a setting made anywhere
 * else wins):
 *
 * <ul>
 *   <li>every step traced, not Spring Boot's default tenth: a service handles a few records per step, so keeping
 *       them all costs little, and a step missing from its trace is the one somebody asks about;
 *   <li>not ready while Kafka cannot be reached: a service without its broker does no work.
 * </ul>
 */
public final class OperationsDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "ferryOperationsDefaults",
                        Map.of(
                                "management.tracing.sampling.probability", "1.0",
                                "management.endpoint.health.group.readiness.include", "readinessState,kafka")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
