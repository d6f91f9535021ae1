package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.BuildApplication;
import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.build.testing.TopicRecorder;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
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
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.OciTestRegistry;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * build-service stopped and started again: phases published while it was down are built when it comes back, and a
 * phase it had answered before stopping is not built again.
 */
class BuildServiceRestartIT {

    private static final MetadataFactory planner = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void buildsWhatArrivedWhileDownAndNothingTwice() throws Exception {
        OciTestRegistry.assumeInstalled();
        OciTestRegistry registry = OciTestRegistry.shared();
        BaseImages.push(registry.host(), "base/runtime:1", 42, 300_000, 200_000);
        String migration = "restart-" + UUID.randomUUID();
        try (var events = new TopicRecorder(
                KafkaTestBroker.shared().bootstrapServers(),
                List.of(Topics.IMAGE_PUSHED.name(), Topics.STEP_FAILED.name()),
                false)) {
            try (var first = start(registry)) {
                publisher(first)
                        .publish(phase(migration, work(registry, "user-service")))
                        .get();
                await().atMost(WAIT)
                        .until(() -> events.events(ImagePushed.class, migration).size() == 1);
            }
            try (var whileDown = start(registry)) {
                // Published through a second instance that is itself the one to restart into.
                publisher(whileDown)
                        .publish(phase(migration, work(registry, "training-service")))
                        .get();
                await().atMost(WAIT)
                        .until(() -> events.events(ImagePushed.class, migration).size() == 2);
                publisher(whileDown).publish(phase(migration, markerWork())).get();
                await().atMost(WAIT)
                        .until(() -> !events.events(StepFailed.class, migration).isEmpty());
            }

            assertThat(events.events(ImagePushed.class, migration))
                    .extracting(ImagePushed::getService)
                    .containsExactly("user-service", "training-service");
        }
    }

    private static void publishDirectly(PhaseStarted phase) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.shared().bootstrapServers(),
                "ferry.schema.topic",
                "ferry.schemas");
        var serializer = new AvroEventSerializer();
        serializer.configure(config, false);
        try (var producer = new KafkaProducer<String, SpecificRecord>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(
                            Topics.PHASE_STARTED.name(), phase.getMetadata().getMigrationId(), phase))
                    .get();
        }
    }

    private ConfigurableApplicationContext start(OciTestRegistry registry) {
        return ServiceBoot.start(
                BuildApplication.class,
                "--ferry.build.plain-http-registries=" + registry.host(),
                "--ferry.build.work-directory=" + temp.resolve("checkouts"),
                "--ferry.build.cache-directory=" + temp.resolve("cache"),
                "--ferry.build.archive-directory=" + temp.resolve("images"));
    }

    private static EventPublisher publisher(ConfigurableApplicationContext app) {
        return app.getBean(EventPublisher.class);
    }

    private ServiceWork work(OciTestRegistry registry, String service) {
        ServiceRepository repo = ServiceRepository.create(temp.resolve(service + "-" + UUID.randomUUID()))
                .file("Dockerfile", "FROM " + registry.host() + "/base/runtime:1\nCOPY app.js /app/\n")
                .file("app.js", "console.log('" + service + "')");
        String sha = repo.commit(service);
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(new SourceSpec("monorepo", "main", "services/" + service, null))
                .setTarget(TargetRepository.newBuilder()
                        .setRepository(repo.location())
                        .build())
                .setImage(ImageSpec.newBuilder()
                        .setRegistry(registry.host())
                        .setRepository("fitsync-restart")
                        .setTagTemplate("{service}-{sha}")
                        .build())
                .setPrior(PriorResults.newBuilder().setSplitCommit(sha).build())
                .build();
    }

    private static ServiceWork markerWork() {
        return ServiceWork.newBuilder()
                .setService("marker-service")
                .setSource(new SourceSpec("monorepo", "main", "services/marker", null))
                .setPrior(PriorResults.newBuilder().build())
                .build();
    }

    private static PhaseStarted phase(String migration, ServiceWork work) {
        return PhaseStarted.newBuilder()
                .setMetadata(planner.first(migration))
                .setPlanName("fitsync")
                .setPhase("build")
                .setAction(PhaseAction.BUILD)
                .setServices(List.of(work))
                .build();
    }
}
