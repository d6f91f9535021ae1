package dev.ferry.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.cli.CliRun;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.contracts.kafka.AvroEventDeserializer;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a real Kafka broker: what it publishes is a MigrationCommand any service decodes, keyed by the run,
 * and a CommandRejected the planner writes for that command (and no other) makes it exit 1 with the reason.
 */
class FerryCliKafkaIT {

    private static final KafkaTestBroker broker = KafkaTestBroker.shared();
    private static final ExecutorService plannerThread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void topics() {
        // What the services would have created at start; the CLI creates none.
        broker.createTopics(List.of(
                new NewTopic(Topics.MIGRATION_COMMANDS.name(), Topics.MIGRATION_COMMANDS.partitions(), (short) 1),
                new NewTopic(Topics.COMMAND_REJECTED.name(), Topics.COMMAND_REJECTED.partitions(), (short) 1)));
    }

    @AfterAll
    static void stop() {
        plannerThread.shutdownNow();
    }

    private static CliRun ferry(String... args) {
        var withBroker = new ArrayList<>(List.of(args));
        withBroker.addAll(List.of("--bootstrap-servers", broker.bootstrapServers()));
        return new CliRun().commandBus(KafkaCommandBus::at).run(withBroker.toArray(String[]::new));
    }

    @Test
    void approvePublishesADecodableCommandKeyedByTheMigrationId() {
        String id = UUID.randomUUID().toString();

        CliRun run = ferry(
                "approve", id, "--phase", "deploy-prod", "--environment", "prod", "--reason", "CAB ok", "--wait", "1s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("approved phase deploy-prod in prod of migration " + id);
        ConsumerRecord<String, SpecificRecord> record = firstRecordFor(Topics.MIGRATION_COMMANDS, id);
        var command = (MigrationCommand) record.value();
        assertThat(record.key()).isEqualTo(id);
        assertThat(command.getMetadata().getMigrationId()).isEqualTo(id);
        assertThat(command.getIssuedBy().getName()).isEqualTo("alice");
        assertThat(command.getIssuedBy().getChannel()).isEqualTo("cli");
        assertThat(command.getReason()).isEqualTo("CAB ok");
        var approval = (ApprovePhase) command.getCommand();
        assertThat(approval.getPhase()).isEqualTo("deploy-prod");
        assertThat(approval.getEnvironment()).isEqualTo("prod");
    }

    @Test
    void aRejectionOfTheCommandMakesTheCliExitOneWithTheReason() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Void> planner = CompletableFuture.runAsync(() -> rejectTheCommandOf(id), plannerThread);

        // The wait is an upper bound only: the CLI returns as soon as the rejection arrives.
        CliRun run = ferry("resume", id, "--wait", "60s");

        planner.join();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("the planner rejected ResumeMigration for migration " + id)
                .contains("the run is not paused")
                .contains("run state RUNNING")
                .doesNotContain("decoy");
    }

    @Test
    void anUnreachableBrokerIsNamedInTheError() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + port;

        CliRun run = new CliRun()
                .commandBus(servers -> KafkaCommandBus.at(servers, Duration.ofSeconds(2)))
                .run("pause", UUID.randomUUID().toString(), "--bootstrap-servers", nowhere);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("cannot reach Kafka at " + nowhere)
                .contains("Set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
    }

    /**
     * Plays the planner: waits for the command of run {@code id}, answers first with a rejection of some other command
     * of the same run (which the CLI must ignore), then with the rejection of this one.
     */
    private static void rejectTheCommandOf(String id) {
        var command =
                (MigrationCommand) firstRecordFor(Topics.MIGRATION_COMMANDS, id).value();
        var metadata = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
        try (var producer = producer()) {
            for (UUID commandId :
                    List.of(UUID.randomUUID(), command.getMetadata().getEventId())) {
                boolean decoy = !commandId.equals(command.getMetadata().getEventId());
                var rejected = CommandRejected.newBuilder()
                        .setMetadata(metadata.causedBy(command.getMetadata()))
                        .setCommandId(commandId)
                        .setCommandType("ResumeMigration")
                        .setIssuedBy(command.getIssuedBy())
                        .setReason(decoy ? "decoy for another command" : "the run is not paused")
                        .setMigrationState("RUNNING")
                        .build();
                producer.send(new ProducerRecord<>(
                                Topics.COMMAND_REJECTED.name(), Topics.COMMAND_REJECTED.keyFor(rejected), rejected))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the planner stand-in could not answer", e);
        }
    }

    private static KafkaProducer<String, SpecificRecord> producer() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        var serializer = new AvroEventSerializer();
        serializer.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), serializer);
    }

    private static ConsumerRecord<String, SpecificRecord> firstRecordFor(Topic<?> topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "ferry-cli-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                500);
        var deserializer = new AvroEventDeserializer();
        deserializer.configure(config, false);
        var found = new ArrayList<ConsumerRecord<String, SpecificRecord>>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }
}
