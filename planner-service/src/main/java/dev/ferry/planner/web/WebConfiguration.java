package dev.ferry.planner.web;

import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.app.RunCoordinator;
import dev.ferry.planner.security.CommandIssuers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The status API's observers of runs. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean(destroyMethod = "close")
    RunStreams runStreams(LiveOutput output, ObjectProvider<RunCoordinator> coordinator) {
        // Looked up when a job prints: the coordinator is made with its observers, this one among them.
        return new RunStreams(output, id -> coordinator.getObject().view(id));
    }

    @Bean
    StepMetrics stepMetrics(MeterRegistry registry) {
        return new StepMetrics(registry);
    }

    @Bean
    FilterRegistrationBean<StatusReaders> statusReaders(CommandIssuers issuers) {
        var registration = new FilterRegistrationBean<>(new StatusReaders(issuers));
        registration.addUrlPatterns("/migrations", "/migrations/*", "/plans/*");
        return registration;
    }
}
