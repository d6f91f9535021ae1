package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.BuildServices;
import dev.ferry.build.testing.BusyboxBase;
import dev.ferry.build.testing.GithubCi;
import dev.ferry.build.testing.RegistryApi;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.build.testing.TopicRecorder;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ErrorKind;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.StepProgress;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * build-service as deployed: the Spring Boot app against a real Kafka broker, cloning real git repositories and
 * pushing to a real registry; driven only by {@code phase.started} records and judged only by what it publishes.
 */
class BuildServiceIT {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path temp;

    private static OciTestRegistry registry;
    private static ConfigurableApplicationContext app;
    private static EventPublisher publisher;
    private static TopicRecorder events;
    private static TopicRecorder deadLetters;

    @BeforeAll
    static void start() throws Exception {
        OciTestRegistry.assumeInstalled();
        registry = OciTestRegistry.shared();
        BaseImages.push(registry.host(), "base/runtime:1", 42, 300_000, 200_000);
        app = BuildServices.start(
                temp,
                registry.host(),
                "--ferry.build.buildah.storage-directory=" + temp.resolve("buildah"),
                "--ferry.build.buildah.required=true",
                "--ferry.build.retry-attempts=2",
                "--ferry.build.retry-pause=10ms",
                "--ferry.build.progress-step=0.25",
                "--ferry.build.github-actions.check-interval=200ms");
        publisher = app.getBean(EventPublisher.class);
        String bootstrap = KafkaTestBroker.shared().bootstrapServers();
        events = new TopicRecorder(
                bootstrap,
                List.of(Topics.IMAGE_PUSHED.name(), Topics.STEP_FAILED.name(), Topics.STEP_PROGRESS.name()),
                false);
        deadLetters = new TopicRecorder(bootstrap, List.of(Topics.PHASE_STARTED.deadLetterName()), true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
            events.close();
            deadLetters.close();
        }
    }

    @Test
    void answersABuildPhaseWithOneImagePushedPerServiceAndProgressOnTheWay() throws Exception {
        String migration = "build-" + UUID.randomUUID();
        String repository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceRepository user = service("user-service");
        ServiceRepository training = service("training-service");
        String userSha = user.commit("user");
        String trainingSha = training.commit("training");

        publisher
                .publish(phase(
                        migration,
                        "dev",
                        work("user-service", user, userSha, repository),
                        work("training-service", training, trainingSha, repository)))
                .get();

        await().atMost(WAIT)
                .until(() -> events.events(ImagePushed.class, migration).size() == 2);
        var api = new RegistryApi(registry.uri());
        for (ImagePushed pushed : events.events(ImagePushed.class, migration)) {
            String sha = pushed.getService().equals("user-service") ? userSha : trainingSha;
            String immutable = pushed.getService() + "-" + sha;
            assertThat(pushed.getTags())
                    .containsExactly(immutable, pushed.getService() + "-dev", pushed.getService() + "-latest");
            assertThat(api.digest(repository, immutable)).isEqualTo(pushed.getDigest());
            assertThat(pushed.getImageReference())
                    .isEqualTo(registry.host() + "/" + repository + "@" + pushed.getDigest());
            assertThat(pushed.getSourceCommit()).isEqualTo(sha);
            assertThat(pushed.getBuilder()).isEqualTo("jib");
            assertThat(pushed.getLayersUploaded() + pushed.getLayersReused()).isEqualTo(4);
            assertThat(pushed.getSizeBytes()).isGreaterThan(500_000);
            assertThat(pushed.getMetadata().getCausationId()).isNotNull();
        }
        assertThat(events.events(StepProgress.class, migration)).isNotEmpty().allSatisfy(p -> assertThat(p.getAction())
                .isEqualTo(PhaseAction.BUILD));
        assertThat(events.events(StepFailed.class, migration)).isEmpty();
    }

    @Test
    void buildsEachServicesFolderOfTheMonorepoAtItsHeadWithNoSplitBefore() throws Exception {
        String migration = "context-" + UUID.randomUUID();
        String repository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceRepository monorepo = ServiceRepository.create(temp.resolve("monorepo-" + UUID.randomUUID()));
        for (String name : List.of("user-service", "training-service")) {
            monorepo.file("services/" + name + "/Dockerfile", "FROM scratch\nCOPY name.txt /name.txt\n")
                    .file("services/" + name + "/name.txt", name);
        }
        String head = monorepo.commit("two services in one repository");
        var phase = phase(
                migration,
                "dev",
                sourceWork("user-service", monorepo, repository),
                sourceWork("training-service", monorepo, repository));
        phase.setSettings(Map.of("context", "{path}"));

        publisher.publish(phase).get();

        await().atMost(WAIT)
                .until(() -> events.events(ImagePushed.class, migration).size() == 2);
        var api = new RegistryApi(registry.uri());
        for (ImagePushed pushed : events.events(ImagePushed.class, migration)) {
            assertThat(pushed.getSourceCommit()).isEqualTo(head);
            assertThat(api.fileText(repository, pushed.getDigest(), "/name.txt"))
                    .isEqualTo(pushed.getService());
            assertThat(api.digest(repository, pushed.getService() + "-" + head)).isEqualTo(pushed.getDigest());
        }
        assertThat(events.events(StepFailed.class, migration)).isEmpty();
    }

    @Test
    void aRedeliveredPhaseIsBuiltAndReportedOnce() throws Exception {
        String migration = "redeliver-" + UUID.randomUUID();
        ServiceRepository user = service("user-service");
        String sha = user.commit("user");
        PhaseStarted phase = phase(migration, null, work("user-service", user, sha, "fitsync-redeliver"));

        publisher.publish(phase).get();
        publisher.publish(phase).get();
        // Same key, same partition: once this later phase is answered, both copies above have been handled.
        publisher
                .publish(phase(migration, null, workWithoutImage("marker-service")))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty());
        assertThat(events.events(ImagePushed.class, migration)).hasSize(1);
    }

    @Test
    void reportsADockerfileThatNeedsAContainerRuntimeAsAFailedStepWithFileAndLine() throws Exception {
        String migration = "run-" + UUID.randomUUID();
        ServiceRepository repo = ServiceRepository.create(temp.resolve("run-" + UUID.randomUUID()))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY . /app\nRUN npm ci\n");
        String sha = repo.commit("needs a runtime");

        publisher
                .publish(phase(migration, null, work("user-service", repo, sha, "fitsync-run")))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty());
        StepFailed failed = events.events(StepFailed.class, migration).getFirst();
        assertThat(failed.getService()).isEqualTo("user-service");
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.UNSUPPORTED);
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getReason()).startsWith("Dockerfile:3: RUN").contains("github-actions");
        assertThat(failed.getAction()).isEqualTo(PhaseAction.BUILD);
        assertThat(events.events(ImagePushed.class, migration)).isEmpty();
    }

    @Test
    void buildsADockerfileWithRunWithBuildahWhenThePlanLeavesTheChoiceToFerry() throws Exception {
        String migration = "auto-" + UUID.randomUUID();
        String repository = "fitsync-auto-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceRepository repo = ServiceRepository.create(temp.resolve("auto-" + UUID.randomUUID()))
                .file("Dockerfile", "FROM " + BusyboxBase.pushedTo(registry.host()) + "\nRUN echo built > /built\n");
        String sha = repo.commit("needs RUN");
        ServiceWork work = work("user-service", repo, sha, repository);
        work.getImage().setBuilder("auto");

        publisher.publish(phase(migration, "dev", work)).get();

        await().atMost(WAIT)
                .until(() -> !events.events(ImagePushed.class, migration).isEmpty()
                        || !events.events(StepFailed.class, migration).isEmpty());
        assertThat(events.events(StepFailed.class, migration)).isEmpty();
        ImagePushed pushed = events.events(ImagePushed.class, migration).getFirst();
        assertThat(pushed.getBuilder()).isEqualTo("buildah");
        var api = new RegistryApi(registry.uri());
        assertThat(api.digest(repository, "user-service-" + sha)).isEqualTo(pushed.getDigest());
        assertThat(api.fileText(repository, pushed.getDigest(), "/built")).isEqualTo("built\n");
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndKeepsGoing() throws Exception {
        String migration = "garbage-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.shared().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.PHASE_STARTED.name(), migration, "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        publisher
                .publish(phase(migration, null, workWithoutImage("after-garbage")))
                .get();

        await().atMost(WAIT).until(() -> !deadLetters.raw(migration).isEmpty());
        await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty());
        assertThat(deadLetters.raw(migration)).containsExactly("not avro");
    }

    @Test
    void waitsForTheRepositorysWorkflowRunAndReportsTheImageItPushed() throws Exception {
        String migration = "ci-" + UUID.randomUUID();
        String repository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = GithubCi.randomSha();

        publisher
                .publish(phase(migration, "dev", ciWork("user-service", sha, repository, Map.of())))
                .get();
        Thread.sleep(1_000);
        assertThat(events.events(ImagePushed.class, migration))
                .as("nothing in the registry yet: the step waits")
                .isEmpty();
        // What the repository's build-push.yml pushes, then GitHub's word that it ran.
        String digest = BaseImages.push(registry.host(), repository + ":user-service-" + sha, 11, 2_000);
        BaseImages.push(registry.host(), repository + ":user-service-latest", 11, 2_000);
        publisher
                .publish(GithubCi.workflowRun("fitsync/user-service", sha, "success"))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(ImagePushed.class, migration).isEmpty());
        ImagePushed pushed = events.events(ImagePushed.class, migration).getFirst();
        assertThat(pushed.getDigest()).isEqualTo(digest);
        assertThat(pushed.getImageReference()).isEqualTo(registry.host() + "/" + repository + "@" + digest);
        assertThat(pushed.getTags())
                .as("user-service-dev was not pushed by CI, so it is not reported")
                .containsExactly("user-service-" + sha, "user-service-latest");
        assertThat(pushed.getSourceCommit()).isEqualTo(sha);
    }

    @Test
    void reportsTheImageCiPushedBeforeTheStepStartedWithoutWaitingForARun() throws Exception {
        String migration = "ci-built-" + UUID.randomUUID();
        String repository = "fitsync-" + UUID.randomUUID().toString().substring(0, 8);
        String sha = GithubCi.randomSha();
        // The plan runs again on a commit CI built the first time: no new workflow run will come.
        String digest = BaseImages.push(registry.host(), repository + ":schedule-service-" + sha, 12, 2_000);

        publisher
                .publish(phase(migration, null, ciWork("schedule-service", sha, repository, Map.of())))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(ImagePushed.class, migration).isEmpty());
        ImagePushed pushed = events.events(ImagePushed.class, migration).getFirst();
        assertThat(pushed.getDigest()).isEqualTo(digest);
        assertThat(pushed.getBuilder()).isEqualTo("github-actions");
        assertThat(pushed.getTags()).containsExactly("schedule-service-" + sha);
    }

    @Test
    void aFailedWorkflowRunFailsTheStepWithTheRunsUrl() throws Exception {
        String migration = "ci-failed-" + UUID.randomUUID();
        String sha = GithubCi.randomSha();

        publisher
                .publish(GithubCi.workflowRun("fitsync/training-service", sha, "failure"))
                .get();
        publisher
                .publish(phase(migration, null, ciWork("training-service", sha, "fitsync-ecr", Map.of())))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty());
        StepFailed failed = events.events(StepFailed.class, migration).getFirst();
        assertThat(failed.getDetailsUrl()).isEqualTo(GithubCi.runUrl(sha));
        assertThat(failed.getReason()).contains("conclusion failure").contains("build-push.yml");
        assertThat(failed.getService()).isEqualTo("training-service");
    }

    @Test
    void aWorkflowRunThatNeverComesFailsTheStepAfterItsTimeout() throws Exception {
        String migration = "ci-timeout-" + UUID.randomUUID();
        String sha = GithubCi.randomSha();

        publisher
                .publish(phase(
                        migration,
                        null,
                        ciWork("schedule-service", sha, "fitsync-ecr", Map.of("ci.timeoutSeconds", "1"))))
                .get();

        await().atMost(WAIT)
                .until(() -> !events.events(StepFailed.class, migration).isEmpty());
        StepFailed failed = events.events(StepFailed.class, migration).getFirst();
        assertThat(failed.getErrorKind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failed.getDetailsUrl())
                .isEqualTo("https://github.com/fitsync/schedule-service/actions/workflows/build-push.yml");
    }

    private static ServiceWork ciWork(
            String service, String sha, String imageRepository, Map<String, String> parameters) {
        ServiceWork work = GithubCi.work(service, sha, registry.host(), imageRepository)
                .setParameters(Map.copyOf(parameters))
                .build();
        work.getImage().setMovingTags(List.of("{service}-{env}", "{service}-latest"));
        return work;
    }

    private static ServiceRepository service(String name) {
        return ServiceRepository.create(temp.resolve(name + "-" + UUID.randomUUID()))
                .file(
                        "Dockerfile",
                        "FROM " + registry.host() + "/base/runtime:1\nWORKDIR /app\nCOPY package.json ./\n"
                                + "COPY src/ ./src/\nENTRYPOINT [\"node\", \"src/index.js\"]\n")
                .file("package.json", "{\"name\":\"" + name + "\"}")
                .file("src/index.js", "console.log('" + name + "')");
    }

    private static PhaseStarted phase(String migration, String environment, ServiceWork... services) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first(migration))
                .setPlanName("fitsync")
                .setPhase("build")
                .setAction(PhaseAction.BUILD)
                .setEnvironment(environment)
                .setServices(List.of(services))
                .build();
    }

    private static ServiceWork work(String service, ServiceRepository repo, String sha, String imageRepository) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("monorepo", "main", "services/" + service, null))
                .setTarget(TargetRepository.newBuilder()
                        .setRepository(repo.location())
                        .build())
                .setImage(ImageSpec.newBuilder()
                        .setRegistry(registry.host())
                        .setRepository(imageRepository)
                        .setTagTemplate("{service}-{sha}")
                        .setMovingTags(List.of("{service}-{env}", "{service}-latest"))
                        .build())
                .setPrior(PriorResults.newBuilder().setSplitCommit(sha).build())
                .build();
    }

    /** A service of a mono-repo: a source with its path, no target repository and no split commit. */
    private static ServiceWork sourceWork(String service, ServiceRepository monorepo, String imageRepository) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec(monorepo.location(), "main", "services/" + service, null))
                .setImage(ImageSpec.newBuilder()
                        .setRegistry(registry.host())
                        .setRepository(imageRepository)
                        .setTagTemplate("{service}-{sha}")
                        .build())
                .setPrior(PriorResults.newBuilder().build())
                .build();
    }

    private static ServiceWork workWithoutImage(String service) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("monorepo", "main", "services/" + service, null))
                .setPrior(PriorResults.newBuilder().build())
                .build();
    }
}
