package dev.ferry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.StepSucceeded;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;

class LogLinesTest {

    @Test
    void aHandledResultPutsItsRunStepAndEventInTheLoggingContextUntilClosed() {
        var metadata =
                MetadataFactory.forProducer("repo-service", Clock.systemUTC()).first("run-7");
        var result = StepSucceeded.newBuilder()
                .setMetadata(metadata)
                .setPhase("split")
                .setService("orders")
                .setAction(PhaseAction.SPLIT)
                .setAttempt(2)
                .setOutputs(Map.of())
                .setDurationMillis(5L)
                .build();

        RecordLogContext.open(result);
        assertThat(MDC.get("migrationId")).isEqualTo("run-7");
        assertThat(MDC.get("step")).isEqualTo("split/orders");
        assertThat(MDC.get("eventId")).isEqualTo(metadata.getEventId().toString());
        RecordLogContext.close();

        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("migrationId", "step", "eventId");
    }

    @Test
    void everyLineSaysItsRunStepAndEventUnlessTheServiceSetsItsOwnPattern() {
        var defaults = new StandardEnvironment();
        new LoggingDefaults().postProcessEnvironment(defaults, new SpringApplication());
        assertThat(defaults.getProperty("logging.pattern.level")).contains("%X{migrationId", "%X{step", "%X{eventId");

        var own = new StandardEnvironment();
        own.getSystemProperties().put("logging.pattern.level", "%p");
        new LoggingDefaults().postProcessEnvironment(own, new SpringApplication());
        assertThat(own.getProperty("logging.pattern.level")).isEqualTo("%p");
    }
}
