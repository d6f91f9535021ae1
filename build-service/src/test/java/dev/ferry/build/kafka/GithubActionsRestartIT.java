package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.BuildPhases;
import dev.ferry.build.testing.BuildServices;
import dev.ferry.build.testing.GithubCi;
import dev.ferry.build.testing.TopicRecorder;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.OciTestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A github-actions step waiting for its workflow run while build-service stops and starts again on the same state
 * directory: it is answered once after the restart, by what happened while build-service was down.
 */
class GithubActionsRestartIT {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    /** A new migration and commit for each test, which JUnit runs on an instance of its own. */
    private final String migration = "ci-restart-" + UUID.randomUUID();

    private final String sha = GithubCi.randomSha();
    private OciTestRegistry registry;
    private TopicRecorder events;

    @BeforeEach
    void recordResults() {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        events = new TopicRecorder(
                KafkaTestBroker.shared().bootstrapServers(),
                List.of(Topics.IMAGE_PUSHED.name(), Topics.STEP_FAILED.name()),
                false);
    }

    @AfterEach
    void stopRecording() {
        events.close();
    }

    @Test
    void aRunThatFinishedWhileBuildServiceWasDownIsReportedOnceAfterTheRestart() throws Exception {
        String imageRepository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        startWaitingThenStop(
                BuildPhases.of(migration, work("user-service", sha, imageRepository))
                        .build(),
                "5s");
        assertThat(events.events(ImagePushed.class, migration)).isEmpty();

        // While build-service is down, the repository's workflow pushes the image and GitHub says so.
        String digest = BaseImages.push(registry.host(), imageRepository + ":user-service-" + sha, 21, 2_000);
        publish(GithubCi.workflowRun("fitsync/user-service", sha, "success"));

        whileRunning("200ms", () -> {
            await().atMost(WAIT)
                    .until(() -> !events.events(ImagePushed.class, migration).isEmpty());
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> events.events(ImagePushed.class, migration).size() == 1);
        });
        ImagePushed pushed = events.events(ImagePushed.class, migration).getFirst();
        assertThat(pushed.getService()).isEqualTo("user-service");
        assertThat(pushed.getDigest()).isEqualTo(digest);
        assertThat(pushed.getSourceCommit()).isEqualTo(sha);
        assertThat(pushed.getBuilder()).isEqualTo("github-actions");
        assertThat(events.events(StepFailed.class, migration)).isEmpty();
        assertThat(savedWaits()).as("answered, so forgotten").isEmpty();
    }

    @Test
    void aFailedRunDeliveredWhileBuildServiceWasDownFailsTheStepAfterTheRestart() throws Exception {
        startWaitingThenStop(
                BuildPhases.of(migration, work("training-service", sha, "fitsync-ecr"))
                        .build(),
                "5s");

        publish(GithubCi.workflowRun("fitsync/training-service", sha, "failure"));

        StepFailed failed = failureAfterRestart();
        assertThat(failed.getService()).isEqualTo("training-service");
        assertThat(failed.getReason()).contains("conclusion failure").contains("build-push.yml");
        assertThat(failed.getDetailsUrl()).isEqualTo(GithubCi.runUrl(sha));
        assertThat(events.events(ImagePushed.class, migration)).isEmpty();
    }

    @Test
    void aDeadlineThatPassedWhileBuildServiceWasDownFailsTheStepAsTimeoutRetryable() throws Exception {
        // The plan gives the step 4 seconds; the first instance looks for overdue waits only as it starts.
        startWaitingThenStop(
                BuildPhases.of(migration, work("schedule-service", sha, "fitsync-ecr"))
                        .setTimeoutSeconds(4L)
                        .build(),
                "1h");
        Instant deadlinePassed = Instant.now().plusSeconds(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadlinePassed));
        assertThat(events.events(StepFailed.class, migration)).isEmpty();

        StepFailed failed = failureAfterRestart();
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failed.getRetryable()).isTrue();
        assertThat(failed.getService()).isEqualTo("schedule-service");
        assertThat(failed.getReason())
                .contains("fitsync/schedule-service")
                .contains(sha)
                .contains("build-push.yml");
        assertThat(events.events(StepFailed.class, migration)).hasSize(1);
        assertThat(savedWaits()).isEmpty();
    }

    /** Starts build-service, has it take up {@code phase} until its step waits on disk, and stops it. */
    private void startWaitingThenStop(PhaseStarted phase, String checkInterval) throws Exception {
        whileRunning(checkInterval, () -> {
            publish(phase);
            await().atMost(WAIT).until(() -> savedWaits().size() == 1);
        });
    }

    /** Starts build-service again and returns the first failure it reports for the step. */
    private StepFailed failureAfterRestart() throws Exception {
        whileRunning("200ms", () -> await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty()));
        return events.events(StepFailed.class, migration).getFirst();
    }

    private interface WhileRunning {
        void run() throws Exception;
    }

    /** Starts build-service on this test's directories, runs {@code body}, and stops build-service again. */
    private void whileRunning(String checkInterval, WhileRunning body) throws Exception {
        ConfigurableApplicationContext app = start(checkInterval);
        try {
            body.run();
        } finally {
            app.close();
        }
    }

    private ConfigurableApplicationContext start(String checkInterval) {
        return BuildServices.start(
                temp, registry.host(), "--ferry.build.github-actions.check-interval=" + checkInterval);
    }

    private List<Path> savedWaits() throws IOException {
        Path directory = BuildServices.stateDirectory(temp);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    /** Straight to the broker, as the planner and the webhook receiver do, whether build-service runs or not. */
    private static void publish(SpecificRecord event) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                "ferry.schema.topic",
                "ferry.schemas");
        var serializer = new AvroEventSerializer();
        serializer.configure(config, false);
        String topic = event instanceof PhaseStarted ? Topics.PHASE_STARTED.name() : Topics.GITHUB_WEBHOOKS.name();
        String key = event instanceof PhaseStarted phase
                ? phase.getMetadata().getMigrationId().toString()
                : ((GithubWebhook) event).getRepository().toString();
        try (var producer = new KafkaProducer<String, SpecificRecord>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
    }

    private ServiceWork work(String service, String sha, String imageRepository) {
        return GithubCi.work(service, sha, registry.host(), imageRepository).build();
    }
}
