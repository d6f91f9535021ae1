package dev.ferry.runtime;

import dev.ferry.contracts.avro.PhaseStarted;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Dead letters of a {@code @KafkaListener} wired by the runtime's listener factory (the planner's kind). */
@SpringBootTest(
        classes = ListenerDeadLetterRoutingIT.ListenerApp.class,
        properties = {"ferry.kafka.handler-attempts=2", "ferry.kafka.handler-backoff=50ms"})
// Its listener must not stay behind: it would dead-letter the other tests' records too.
@DirtiesContext
// Said outright (SpringBootTest says it too), so that the other tests' component scans know this for a test class and
// leave its application out.
@ExtendWith(SpringExtension.class)
class ListenerDeadLetterRoutingIT extends DeadLetterRoutingContract {

    // No component scan: the other tests' applications in this package stay out.
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ListenerApp {

        private final PhaseRecorder recorder = new PhaseRecorder();

        @Bean
        PhaseRecorder phaseRecorder() {
            return recorder;
        }

        @KafkaListener(topics = "phase.started", groupId = "dead-letter-routing-it")
        void on(PhaseStarted phase) {
            recorder.on(phase);
        }
    }
}
