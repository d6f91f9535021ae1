package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the commands go and how long to wait for a rejection: options shared by every publishing command. */
final class KafkaOptions {

    static final String BOOTSTRAP_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers. Default: $" + BOOTSTRAP_VARIABLE + ", else " + DEFAULT_BOOTSTRAP + ".")
    String bootstrapServers;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long to watch command.rejected for the planner's answer after publishing"
                    + " (default: ${DEFAULT-VALUE}; 0 publishes without waiting).")
    Duration waitForRejection;

    String bootstrapServers(CliEnvironment env) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return bootstrapServers.strip();
        }
        return env.variable(BOOTSTRAP_VARIABLE, DEFAULT_BOOTSTRAP);
    }
}
