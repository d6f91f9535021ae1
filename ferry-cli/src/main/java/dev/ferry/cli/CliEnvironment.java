package dev.ferry.cli;

import dev.ferry.cli.ops.CommandBus;
import dev.ferry.cli.ops.KafkaConnection;
import dev.ferry.cli.status.PlannerClient;
import dev.ferry.contracts.avro.Actor;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may touch outside itself, passed in so tests run commands against their own writers, variables,
 * clock, Kafka broker and planner.
 *
 * @param variables the process environment (KAFKA_BOOTSTRAP_SERVERS, USER, NO_COLOR...)
 * @param terminal whether standard output is an interactive terminal (live redraws and colours) or a pipe or file
 * @param commandBus opens a connection to the Kafka brokers, with the client settings of the current context
 * @param planner opens a client of the planner's status API at the given base URL
 */
public record CliEnvironment(
        PrintWriter out,
        PrintWriter err,
        Map<String, String> variables,
        Clock clock,
        boolean terminal,
        Function<KafkaConnection, CommandBus> commandBus,
        Function<URI, PlannerClient> planner) {

    /** Channel of every command issued here, as the contracts name it. */
    public static final String CHANNEL = "cli";

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public String variable(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The person issuing commands: {@code $USER}, else {@code $USERNAME} (Windows), else "unknown". */
    public Actor issuer() {
        return new Actor(variable("USER", variable("USERNAME", "unknown")), CHANNEL);
    }

    /** Colours and cursor movement only on a terminal, and never when NO_COLOR is set or TERM is dumb. */
    public boolean ansi() {
        return terminal && variable("NO_COLOR", null) == null && !"dumb".equals(variable("TERM", ""));
    }
}
