package dev.ferry.cli.ops;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.DurationConverter;
import dev.ferry.cli.login.CliContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the commands go and how long to wait for a rejection: options shared by every publishing command. */
final class KafkaOptions {

    static final String BOOTSTRAP_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers. Default: $" + BOOTSTRAP_VARIABLE + ", else the current context's (ferry"
                    + " login), else " + DEFAULT_BOOTSTRAP + ".")
    String bootstrapServers;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long to watch command.rejected for the planner's answer after publishing"
                    + " (default: ${DEFAULT-VALUE}; 0 publishes without waiting).")
    Duration waitForRejection;

    /** The brokers: this option, else $KAFKA_BOOTSTRAP_SERVERS, else the context's, else localhost; its settings. */
    KafkaConnection connection(CliEnvironment env, Optional<CliContext> context) {
        String servers;
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            servers = bootstrapServers.strip();
        } else {
            servers = env.variable(
                    BOOTSTRAP_VARIABLE,
                    context.map(CliContext::bootstrapServers).orElse(DEFAULT_BOOTSTRAP));
        }
        return new KafkaConnection(
                servers, context.map(CliContext::kafkaProperties).orElse(Map.of()));
    }
}
