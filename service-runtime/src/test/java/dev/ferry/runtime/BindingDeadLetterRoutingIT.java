package dev.ferry.runtime;

import dev.ferry.contracts.avro.PhaseStarted;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Dead letters of a worker's Spring Cloud Stream binding: the same topics and headers as a listener's. */
@SpringBootTest(
        classes = BindingDeadLetterRoutingIT.WorkerApp.class,
        properties = {
            "ferry.kafka.handler-attempts=2",
            "ferry.kafka.handler-backoff=50ms",
            "spring.kafka.consumer.group-id=dead-letter-routing-binding-it",
            "spring.cloud.function.definition=phases",
            "spring.cloud.stream.bindings.phases-in-0.destination=phase.started"
        })
// Its binding must not stay behind: it would dead-letter the other tests' records too.
@DirtiesContext
// Said outright (SpringBootTest says it too), so that the other tests' component scans know this for a test class and
// leave its application out.
@ExtendWith(SpringExtension.class)
class BindingDeadLetterRoutingIT extends DeadLetterRoutingContract {

    // No component scan: the other tests' applications in this package stay out.
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WorkerApp {

        @Bean
        PhaseRecorder phaseRecorder() {
            return new PhaseRecorder();
        }

        @Bean
        Consumer<PhaseStarted> phases(PhaseRecorder recorder) {
            return recorder::on;
        }
    }
}
