package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.build.testing.BaseImages;
import dev.ferry.build.testing.BuildPhases;
import dev.ferry.build.testing.BuildServices;
import dev.ferry.build.testing.ServiceRepository;
import dev.ferry.build.testing.TopicRecorder;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.ImageSpec;
import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;
import dev.ferry.contracts.avro.StepFailed;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.OciTestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
                        .publish(BuildPhases.of(migration, work(registry, "user-service"))
                                .build())
                        .get();
                await().atMost(WAIT)
                        .until(() -> events.events(ImagePushed.class, migration).size() == 1);
            }
            try (var whileDown = start(registry)) {
                // Published through a second instance that is itself the one to restart into.
                publisher(whileDown)
                        .publish(BuildPhases.of(migration, work(registry, "training-service"))
                                .build())
                        .get();
                await().atMost(WAIT)
                        .until(() -> events.events(ImagePushed.class, migration).size() == 2);
                publisher(whileDown)
                        .publish(BuildPhases.of(migration, markerWork()).build())
                        .get();
                await().atMost(WAIT)
                        .until(() -> !events.events(StepFailed.class, migration).isEmpty());
            }

            assertThat(events.events(ImagePushed.class, migration))
                    .extracting(ImagePushed::getService)
                    .containsExactly("user-service", "training-service");
        }
    }

    private ConfigurableApplicationContext start(OciTestRegistry registry) {
        return BuildServices.start(temp, registry.host());
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
}
