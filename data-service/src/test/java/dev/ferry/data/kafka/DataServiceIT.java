package dev.ferry.data.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.testing.DataServiceProcess;
import dev.ferry.data.testing.Postgres;
import dev.ferry.data.testing.Statements;
import dev.ferry.data.testing.TopicRecorder;
import dev.ferry.data.testing.Writer;
import dev.ferry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data-service as it runs, in a JVM of its own on a real Kafka broker and a real PostgreSQL: the monolith keeps
 * writing while users and messages are copied out, data-service is killed with SIGKILL mid-stream and started again,
 * and verification and cutover find both sides equal.
 */
class DataServiceIT {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final String SERVICE = "auth-service";

    @TempDir
    static Path work;

    static Postgres postgres;
    static TopicRecorder answers;
    static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void start() {
        postgres = Postgres.withLogicalDecoding();
        postgres.createDatabase("monolith");
        postgres.createDatabase("auth");
        postgres.run(
                "monolith",
                "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text, active boolean)",
                "INSERT INTO users SELECT g, 'user' || g || '@example.com', 'User ' || g, true FROM generate_series(1, 20000) g",
                "CREATE TABLE messages (id bigint PRIMARY KEY, user_id bigint NOT NULL, body text)",
                "INSERT INTO messages SELECT g, 1 + g % 1000, 'hello ' || g FROM generate_series(1, 30000) g",
                "CREATE TABLE audit_log (at timestamptz, line text)");
        answers = new TopicRecorder();
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                AvroEventSerializer.class,
                "ferry.schema.topic",
                "ferry.schemas"));
    }

    @AfterAll
    static void stop() {
        producer.close();
        answers.close();
        postgres.close();
    }

    @Test
    void copiesVerifiesAndCutsOverWhileTheMonolithWritesAcrossAKillOfDataService() throws Exception {
        String run = "mig-" + UUID.randomUUID();
        Path dataDir = work.resolve("data");
        var service = start(dataDir);
        try (var writer = new Writer(postgres, "monolith", 20001)) {
            var migrate = phase(run, "copy-users", PhaseAction.MIGRATE_DATA, migrateSettings());
            publish(migrate);
            var migrated = (StepSucceeded) answers.answer(migrate, SERVICE, Duration.ofMinutes(3));
            assertThat(Long.parseLong(migrated.getOutputs().get("rowsCopied"))).isGreaterThanOrEqualTo(50_000);
            assertThat(migrated.getOutputs().get("tablesCreated")).isEqualTo("public.users,public.messages");
            assertThat(answers.progress(migrate))
                    .extracting(StepProgress::getUnit)
                    .contains("rows");

            await().atMost(Duration.ofSeconds(30)).until(() -> writer.writes() > 500);
            service.kill();
            long writesWhileDown = writer.writes();
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.writes() > writesWhileDown + 300);
            service = start(dataDir);

            var verify = phase(
                    run,
                    "verify-users",
                    PhaseAction.VERIFY_DATA,
                    Map.of(
                            "migration",
                            "copy-users",
                            "foreignKeys.1",
                            "messages.user_id -> users.id",
                            "chunkRows",
                            "2000"));
            publish(verify);
            var verified = answers.answer(verify, SERVICE, Duration.ofMinutes(3));
            assertThat(verified)
                    .as(verified instanceof StepFailed failed ? failed.getReason() : "verified")
                    .isInstanceOf(StepSucceeded.class);
            assertThat(((StepSucceeded) verified).getOutputs())
                    .containsEntry("foreignKeysChecked", "messages.user_id -> users.id")
                    .containsKey("checksums");
        }
        var cutover = phase(run, "cutover-users", PhaseAction.CUTOVER_DATA, Map.of("migration", "copy-users"));
        publish(cutover);
        var cut = answers.answer(cutover, SERVICE, Duration.ofMinutes(3));
        service.close();

        assertThat(cut)
                .as(cut instanceof StepFailed failed ? failed.getReason() : "cut over")
                .isInstanceOf(StepSucceeded.class);
        assertThat(((StepSucceeded) cut).getOutputs().get("sourcePosition")).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(rowsOf("monolith", "users")).isEqualTo(rowsOf("auth", "users"));
        assertThat(rowsOf("monolith", "messages")).isEqualTo(rowsOf("auth", "messages"));
    }

    @Test
    void aRedeliveredPhaseIsAnsweredAgainWithOneStreamAndOneSetOfTables() throws Exception {
        var service = start(work.resolve("data-redelivery"));
        try {
            String run = "mig-" + UUID.randomUUID();
            var settings = new LinkedHashMap<>(migrateSettings());
            settings.put("tables.1", "messages");
            settings.remove("tables.2");
            settings.put("targetTables.messages", "redelivery.messages");
            var migrate = phase(run, "copy-messages", PhaseAction.MIGRATE_DATA, settings);

            publish(migrate);
            publish(migrate);

            await().atMost(Duration.ofMinutes(2))
                    .until(() -> answers.answers(migrate).size() == 2);
            assertThat(answers.answers(migrate))
                    .allSatisfy(answer -> assertThat(answer).isInstanceOf(StepSucceeded.class));
            assertThat(answers.answers(migrate))
                    .extracting(answer -> ((StepSucceeded) answer).getOutputs().get("tablesCreated"))
                    .containsOnly("redelivery.messages");
            String slot = new StepKey(run, "copy-messages", SERVICE).slotName();
            assertThat(postgres.count(
                            "monolith", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                    .isEqualTo(1);
            assertThat(postgres.count("auth", "SELECT count(*) FROM redelivery.messages"))
                    .isEqualTo(postgres.count("monolith", "SELECT count(*) FROM messages"));
        } finally {
            service.close();
        }
    }

    @Test
    void refusesATableWithoutAPrimaryKeyAndNeverPutsAPasswordInAnAnswer() throws Exception {
        var service = start(work.resolve("data-bad"));
        try {
            var settings = new LinkedHashMap<>(migrateSettings());
            settings.put("tables.3", "audit_log");
            var migrate = phase("mig-" + UUID.randomUUID(), "copy-audit", PhaseAction.MIGRATE_DATA, settings);
            publish(migrate);

            var failed = (StepFailed) answers.answer(migrate, SERVICE, Duration.ofMinutes(1));

            assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(failed.getRetryable()).isFalse();
            assertThat(failed.getReason()).contains("table public.audit_log has no primary key");
            assertThat(failed.getReason())
                    .doesNotContain(Postgres.PASSWORD + "@")
                    .doesNotContain("password=");
        } finally {
            service.close();
        }
    }

    private static DataServiceProcess start(Path dataDir) {
        return DataServiceProcess.start(
                dataDir,
                "--ferry.data.credentials.monolith.username=" + Postgres.USER,
                "--ferry.data.credentials.monolith.password=" + Postgres.PASSWORD,
                "--ferry.data.credentials.auth-db.username=" + Postgres.USER,
                "--ferry.data.credentials.auth-db.password=" + Postgres.PASSWORD);
    }

    private static Map<String, String> migrateSettings() {
        return Map.of(
                "sourceDatabase", postgres.url("monolith"),
                "sourceCredentialRef", "monolith",
                "targetDatabase", postgres.url("auth"),
                "targetCredentialRef", "auth-db",
                "tables.1", "users",
                "tables.2", "messages",
                "maxLag", "5s");
    }

    private static PhaseStarted phase(String run, String name, PhaseAction action, Map<String, String> settings) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first(run))
                .setPlanName("monolith-to-microservices")
                .setPhase(name)
                .setAction(action)
                .setServices(List.of(ServiceWork.newBuilder()
                        .setService(SERVICE)
                        .setSource(new SourceSpec("https://git.example/chat.git", "main", "services/auth", null))
                        .setPrior(PriorResults.newBuilder().build())
                        .build()))
                .setSettings(settings)
                .setTimeoutSeconds(300L)
                .build();
    }

    private static void publish(PhaseStarted phase) throws Exception {
        var topic = Topics.carrying(PhaseStarted.class);
        producer.send(new ProducerRecord<>(topic.name(), topic.keyForRecord(phase), phase))
                .get();
    }

    private static String rowsOf(String database, String table) {
        return Statements.postgresRows(() -> postgres.connect(database), table);
    }
}
