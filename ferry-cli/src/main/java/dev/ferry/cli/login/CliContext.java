package dev.ferry.cli.login;

import java.util.Map;

/**
 * One Ferry installation the CLI talks to, as the config file names it: the planner's address, the Kafka cluster the
 * commands go to (with the client settings a secured cluster needs), and the token that says who is issuing them.
 * Every field may be missing; the command line and the environment variables win over it.
 *
 * @param token a signed token from the identity provider (or a service account's), sent with every command
 */
public record CliContext(
        String name, String planner, String bootstrapServers, Map<String, String> kafkaProperties, String token) {

    public CliContext {
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    }

    public static CliContext empty(String name) {
        return new CliContext(name, null, null, Map.of(), null);
    }

    public CliContext withToken(String newToken) {
        return new CliContext(name, planner, bootstrapServers, kafkaProperties, newToken);
    }

    public CliContext withPlanner(String url) {
        return new CliContext(name, url, bootstrapServers, kafkaProperties, token);
    }

    public CliContext withBootstrapServers(String servers) {
        return new CliContext(name, planner, servers, kafkaProperties, token);
    }

    @Override
    public String toString() {
        return "CliContext[" + name + ", planner=" + planner + ", kafka=" + bootstrapServers + ", token="
                + (token == null ? "none" : "set") + "]";
    }
}
