package dev.ferry.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kafka plumbing shared by Ferry's services ({@code ferry.kafka.*}); the broker itself is configured
 * with Spring Boot's usual {@code spring.kafka.*} properties.
 *
 * @param replicationFactor replication of the topics Ferry creates; 1 for a single dev broker, 3 in production
 * @param createTopics whether the service creates the catalog's topics and their dead-letter topics at start
 * @param handlerAttempts how often a record whose handler failed is tried before it goes to the dead-letter topic
 * @param handlerBackoff pause between those attempts
 * @param schemaTopic compacted topic where writer schemas are published, or {@code none}
 * @param handledStepsTopic compacted topic where a worker records the step attempts it took on and answered, or
 *     {@code none} for a service that runs no steps (the planner, the notifier)
 * @param handledStepsRetention how long a step's record is kept; a request replayed later than this runs again
 * @param joinTimeout how long a starting service waits for its listeners to join their consumer groups
 * @param healthTimeout how long the health check waits for the brokers to describe the cluster
 */
@ConfigurationProperties("ferry.kafka")
public record FerryKafkaProperties(
        Short replicationFactor,
        Boolean createTopics,
        Integer handlerAttempts,
        Duration handlerBackoff,
        String schemaTopic,
        String handledStepsTopic,
        Duration handledStepsRetention,
        Duration joinTimeout,
        Duration healthTimeout) {

    /** The value of a topic setting that turns the topic off. */
    public static final String NONE = "none";

    public FerryKafkaProperties {
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        createTopics = createTopics == null || createTopics;
        handlerAttempts = handlerAttempts == null ? 3 : handlerAttempts;
        handlerBackoff = handlerBackoff == null ? Duration.ofSeconds(1) : handlerBackoff;
        schemaTopic = schemaTopic == null ? "ferry.schemas" : schemaTopic;
        handledStepsTopic = handledStepsTopic == null ? "ferry.handled-steps" : handledStepsTopic;
        handledStepsRetention = handledStepsRetention == null ? Duration.ofDays(30) : handledStepsRetention;
        joinTimeout = joinTimeout == null ? Duration.ofSeconds(30) : joinTimeout;
        healthTimeout = healthTimeout == null ? Duration.ofSeconds(3) : healthTimeout;
        if (handlerAttempts < 1) {
            throw new IllegalArgumentException(
                    "ferry.kafka.handler-attempts must be at least 1, got " + handlerAttempts);
        }
    }

    public boolean recordsHandledSteps() {
        return !NONE.equals(handledStepsTopic);
    }
}
