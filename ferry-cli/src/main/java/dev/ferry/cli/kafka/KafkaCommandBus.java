package dev.ferry.cli.kafka;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ops.CommandBus;
import dev.ferry.cli.ops.KafkaConnection;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link CommandBus} on Kafka: the command goes to {@code migration.commands} keyed by migration id, in Ferry's wire
 * format (contracts' serializer, which also announces the writer schema on the shared schema topic), and the answer is
 * looked for on {@code command.rejected}.
 *
 * <p>The read position on {@code command.rejected} is taken before the command is sent, so a rejection written at once
 * is not missed. Each publish opens its own clients: a CLI process sends one command.
 */
public final class KafkaCommandBus implements CommandBus {

    /** How long Kafka may take to answer at all before the CLI says it cannot reach it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Map<String, String> settings;
    private final Duration timeout;

    private KafkaCommandBus(KafkaConnection connection, Duration timeout) {
        this.bootstrapServers = Objects.requireNonNull(connection.bootstrapServers(), "bootstrapServers");
        this.settings = connection.properties();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public static KafkaCommandBus at(String bootstrapServers) {
        return at(KafkaConnection.plain(bootstrapServers));
    }

    public static KafkaCommandBus at(String bootstrapServers, Duration timeout) {
        return new KafkaCommandBus(KafkaConnection.plain(bootstrapServers), timeout);
    }

    /** A cluster with the client settings it needs (TLS, SASL), from the CLI's current context. */
    public static KafkaCommandBus at(KafkaConnection connection) {
        return new KafkaCommandBus(connection, DEFAULT_TIMEOUT);
    }

    @Override
    public Optional<Rejection> publish(MigrationCommand command, Duration waitForRejection) {
        if (waitForRejection.isZero()) {
            requireTopics(List.of(Topics.MIGRATION_COMMANDS));
            send(command);
            return Optional.empty();
        }
        requireTopics(List.of(Topics.MIGRATION_COMMANDS, Topics.COMMAND_REJECTED));
        try (var rejections = RunEventReader.openAtEnd(common(), List.of(Topics.COMMAND_REJECTED), timeout)) {
            send(command);
            return awaitRejection(rejections, command, waitForRejection);
        } catch (KafkaException e) {
            throw unreachable("reading " + Topics.COMMAND_REJECTED.name(), e);
        }
    }

    /** Fails with a message naming the address when Kafka does not answer or lacks Ferry's topics. */
    private void requireTopics(List<Topic<?>> topics) {
        Admin admin = openAdmin();
        try {
            admin.describeTopics(topics.stream().map(Topic::name).toList())
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new CliFailure("Kafka at " + bootstrapServers + " has no topic "
                        + topics.stream().map(Topic::name).toList() + ": start Ferry's services first (they create"
                        + " the topics), or point --bootstrap-servers at the cluster they use");
            }
            throw unreachable("asking for Ferry's topics", e.getCause());
        } catch (TimeoutException e) {
            throw unreachable("asking for Ferry's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while contacting Kafka at " + bootstrapServers, e);
        } finally {
            // Pending calls of an unreachable cluster would otherwise hold the CLI until their own timeout.
            admin.close(Duration.ZERO);
        }
    }

    private Admin openAdmin() {
        Map<String, Object> config = new HashMap<>(common());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            throw unreachable("connecting", e);
        }
    }

    private void send(MigrationCommand command) {
        Map<String, Object> config = new HashMap<>(common());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() * 2);
        var serializer = new AvroEventSerializer();
        serializer.configure(config, false);
        Topic<MigrationCommand> topic = Topics.MIGRATION_COMMANDS;
        try (var producer = new KafkaProducer<String, SpecificRecord>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic.name(), topic.keyFor(command), command))
                    .get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable("publishing the command to " + topic.name(), e.getCause());
        } catch (TimeoutException | KafkaException | IllegalStateException e) {
            // IllegalStateException: the serializer could not announce the schema on the schema topic.
            throw unreachable("publishing the command to " + topic.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while publishing to Kafka at " + bootstrapServers, e);
        }
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "ferry-cli");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return config;
    }

    private CliFailure unreachable(String doing, Throwable cause) {
        String why =
                cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                        ? "no answer within " + timeout.toSeconds() + " s"
                        : rootMessage(cause);
        return new CliFailure(
                "cannot reach Kafka at " + bootstrapServers + " while " + doing + " (" + why + "): is the"
                        + " broker running? Set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS",
                cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        // Nothing held between publishes.
    }

    /** The planner's rejection of {@code command}, if one comes within {@code wait}. */
    private static Optional<Rejection> awaitRejection(
            RunEventReader rejections, MigrationCommand command, Duration wait) {
        String migrationId = command.getMetadata().getMigrationId();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            for (SpecificRecord event :
                    rejections.poll(migrationId, Duration.ofMillis(Math.min(left, POLL.toMillis())))) {
                if (event instanceof CommandRejected rejected
                        && Objects.equals(
                                rejected.getCommandId(), command.getMetadata().getEventId())) {
                    return Optional.of(new Rejection(
                            rejected.getCommandType(), rejected.getReason(), rejected.getMigrationState()));
                }
            }
        }
        return Optional.empty();
    }
}
