package dev.ferry.planner.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The status API's observers of runs. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean(destroyMethod = "close")
    RunStreams runStreams() {
        return new RunStreams();
    }

    @Bean
    StepMetrics stepMetrics(MeterRegistry registry) {
        return new StepMetrics(registry);
    }
}
