package dev.ferry.cli.ops;

import dev.ferry.contracts.avro.MigrationCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A command bus that keeps what it was given and answers with a preset rejection, or none. */
final class RecordingCommandBus implements CommandBus {

    final List<MigrationCommand> published = new ArrayList<>();
    final List<String> bootstrapServers = new ArrayList<>();
    Duration waited;
    Rejection rejection;
    boolean closed;

    final List<KafkaConnection> connections = new ArrayList<>();

    CommandBus open(String servers) {
        bootstrapServers.add(servers);
        return this;
    }

    CommandBus open(KafkaConnection connection) {
        connections.add(connection);
        return open(connection.bootstrapServers());
    }

    @Override
    public Optional<Rejection> publish(MigrationCommand command, Duration waitForRejection) {
        published.add(command);
        waited = waitForRejection;
        return Optional.ofNullable(rejection);
    }

    MigrationCommand only() {
        if (published.size() != 1) {
            throw new AssertionError("expected one published command, got " + published);
        }
        return published.getFirst();
    }

    @Override
    public void close() {
        closed = true;
    }
}
