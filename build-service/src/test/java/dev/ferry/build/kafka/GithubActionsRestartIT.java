package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.BuildApplication;
import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.TopicRecorder;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.ServiceBoot;
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
        String migration = "ci-restart-" + UUID.randomUUID();
        String imageRepository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = randomSha();
        whileRunning("5s", () -> {
            publish(phase(migration, null, work("user-service", sha, imageRepository)));
            await().atMost(WAIT).until(() -> savedWaits().size() == 1);
        });
        assertThat(events.events(ImagePushed.class, migration)).isEmpty();

        // While build-service is down, the repository's workflow pushes the image and GitHub says so.
        String digest = BaseImages.push(registry.host(), imageRepository + ":user-service-" + sha, 21, 2_000);
        publish(workflowRun("fitsync/user-service", sha, "success"));

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
        String migration = "ci-restart-failed-" + UUID.randomUUID();
        String sha = randomSha();
        whileRunning("5s", () -> {
            publish(phase(migration, null, work("training-service", sha, "fitsync-ecr")));
            await().atMost(WAIT).until(() -> savedWaits().size() == 1);
        });

        publish(workflowRun("fitsync/training-service", sha, "failure"));

        whileRunning("200ms", () -> await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty()));
        StepFailed failed = events.events(StepFailed.class, migration).getFirst();
        assertThat(failed.getService()).isEqualTo("training-service");
        assertThat(failed.getReason()).contains("conclusion failure").contains("build-push.yml");
        assertThat(failed.getDetailsUrl()).isEqualTo(runUrl(sha));
        assertThat(events.events(ImagePushed.class, migration)).isEmpty();
    }

    @Test
    void aDeadlineThatPassedWhileBuildServiceWasDownFailsTheStepAsTimeoutRetryable() throws Exception {
        String migration = "ci-restart-timeout-" + UUID.randomUUID();
        String sha = randomSha();
        // The plan gives the step 4 seconds; the first instance looks for overdue waits only as it starts.
        whileRunning("1h", () -> {
            publish(phase(migration, 4L, work("schedule-service", sha, "fitsync-ecr")));
            await().atMost(WAIT).until(() -> savedWaits().size() == 1);
        });
        Instant deadlinePassed = Instant.now().plusSeconds(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadlinePassed));
        assertThat(events.events(StepFailed.class, migration)).isEmpty();

        whileRunning("200ms", () -> await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty()));
        StepFailed failed = events.events(StepFailed.class, migration).getFirst();
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
        return ServiceBoot.start(
                BuildApplication.class,
                "--ferry.build.plain-http-registries=" + registry.host(),
                "--ferry.build.work-directory=" + temp.resolve("checkouts"),
                "--ferry.build.cache-directory=" + temp.resolve("cache"),
                "--ferry.build.archive-directory=" + temp.resolve("images"),
                "--ferry.build.github-actions.state-directory=" + temp.resolve("waits"),
                "--ferry.build.github-actions.check-interval=" + checkInterval);
    }

    private List<Path> savedWaits() throws IOException {
        Path directory = temp.resolve("waits");
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
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("monorepo", "main", "services/" + service, null))
                .setTarget(TargetRepository.newBuilder()
                        .setRepository("https://github.com/fitsync/" + service + ".git")
                        .build())
                .setImage(ImageSpec.newBuilder()
                        .setRegistry(registry.host())
                        .setRepository(imageRepository)
                        .setTagTemplate("{service}-{sha}")
                        .setBuilder("github-actions")
                        .setWorkflow("build-push.yml")
                        .build())
                .setPrior(PriorResults.newBuilder().setSplitCommit(sha).build())
                .build();
    }

    private static PhaseStarted phase(String migration, Long timeoutSeconds, ServiceWork work) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first(migration))
                .setPlanName("fitsync")
                .setPhase("build")
                .setAction(PhaseAction.BUILD)
                .setServices(List.of(work))
                .setTimeoutSeconds(timeoutSeconds)
                .build();
    }

    private static GithubWebhook workflowRun(String repository, String sha, String conclusion) {
        String payload = """
                {"action":"completed","workflow_run":{"head_sha":"%s","path":".github/workflows/build-push.yml",
                "conclusion":"%s","status":"completed","html_url":"%s"},"repository":{"full_name":"%s"}}
                """.formatted(sha, conclusion, runUrl(sha), repository);
        return GithubWebhook.newBuilder()
                .setMetadata(MetadataFactory.forProducer("notifier-service", Clock.systemUTC())
                        .first(""))
                .setEventType("workflow_run")
                .setDeliveryId(UUID.randomUUID().toString())
                .setRepository(repository)
                .setHeadCommit(sha)
                .setAction("completed")
                .setPayload(payload)
                .build();
    }

    private static String runUrl(String sha) {
        return "https://github.com/fitsync/runs/" + sha.substring(0, 8);
    }

    private static String randomSha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID())
                .replace("-", "")
                .substring(0, 40);
    }
}
