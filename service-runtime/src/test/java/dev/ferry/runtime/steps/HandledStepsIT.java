package dev.ferry.runtime.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.runtime.EventPublisher;
import dev.ferry.testsupport.KafkaTestBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A worker on the runtime runs each attempt of a step once, across restarts, a reset of its consumer group to the
 * beginning, and replays of older attempts; a new group starts at the newest request. The worker here is a plain
 * listener that counts what it ran and answers through the runtime's publisher, as every Ferry worker does.
 */
class HandledStepsIT {

    private static final KafkaTestBroker broker = KafkaTestBroker.shared();
    private static final MetadataFactory metadata = MetadataFactory.forProducer("planner-service", Clock.systemUTC());
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What the worker ran, as {@code migration/phase/service#attempt}, across all its restarts. */
    static final List<String> ran = new CopyOnWriteArrayList<>();

    private final List<ConfigurableApplicationContext> workers = new ArrayList<>();
    private final String group = "handled-steps-it-" + UUID.randomUUID();

    @AfterEach
    void stopWorkers() {
        workers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aRestartedWorkerWhoseGroupWasResetToTheBeginningRunsNoSupersededAttemptAgain() throws Exception {
        String run = "replay-" + UUID.randomUUID();
        ConfigurableApplicationContext first = startWorker();
        publisher(first)
                .publish(request(run, "deploy-prod", 1, "users", "orders"))
                .get();
        await().atMost(WAIT).until(() -> ranOf(run).size() == 2);
        publisher(first).publish(request(run, "deploy-prod", 2, "users")).get();
        await().atMost(WAIT).until(() -> ranOf(run).size() == 3);
        first.close();

        try (Admin admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        }
        // The worst replay: a new group reading phase.started from its first record.
        ConfigurableApplicationContext second = startWorker("--spring.kafka.consumer.auto-offset-reset=earliest");
        String marker = "marker-" + UUID.randomUUID();
        publisher(second).publish(request(marker, "split", 1, "done")).get();
        await().atMost(WAIT).until(() -> !ranOf(marker).isEmpty());

        // users#1 was superseded by users#2: never again (a deploy of the old tag). The newest attempts come back
        // to the handler, whose effects check their own evidence.
        assertThat(ranOf(run))
                .containsExactlyInAnyOrder(
                        "deploy-prod/users#1",
                        "deploy-prod/orders#1",
                        "deploy-prod/users#2",
                        "deploy-prod/orders#1",
                        "deploy-prod/users#2");
    }

    @Test
    void anOlderAttemptIsNotRunOnceANewerOneWasTakenOn() throws Exception {
        String run = "attempts-" + UUID.randomUUID();
        EventPublisher publisher = publisher(startWorker());
        publisher.publish(request(run, "deploy-prod", 2, "users")).get();
        await().atMost(WAIT).until(() -> ranOf(run).size() == 1);

        publisher.publish(request(run, "deploy-prod", 1, "users", "orders")).get();
        publisher.publish(request(run, "deploy-prod", 3, "users")).get();
        await().atMost(WAIT).until(() -> ranOf(run).size() >= 3);

        assertThat(ranOf(run)).containsExactly("deploy-prod/users#2", "deploy-prod/orders#1", "deploy-prod/users#3");
    }

    @Test
    void aStepTakenOnButNeverAnsweredRunsAgainWhenItsRequestComesBack() throws Exception {
        String run = "unanswered-" + UUID.randomUUID();
        EventPublisher publisher = publisher(startWorker());
        // The worker runs "silent" and stops before publishing its result, as a kill -9 would stop it.
        publisher.publish(request(run, "build", 1, "silent")).get();
        await().atMost(WAIT).until(() -> ranOf(run).size() == 1);

        publisher.publish(request(run, "build", 1, "silent")).get();

        await().atMost(WAIT).until(() -> ranOf(run).size() == 2);
        assertThat(ranOf(run)).containsExactly("build/silent#1", "build/silent#1");
    }

    @Test
    void aNewGroupStartsAtTheNewestRequestAndMissesNoneSentOnceItsServiceStarted() throws Exception {
        String old = "before-" + UUID.randomUUID();
        String fresh = "after-" + UUID.randomUUID();
        ConfigurableApplicationContext other = startWorkerIn("handled-steps-it-other-" + UUID.randomUUID());
        publisher(other).publish(request(old, "split", 1, "users")).get();
        await().atMost(WAIT).until(() -> !ranOf(old).isEmpty());

        // Published the moment the new worker's start returns: it has joined its group by then.
        publisher(startWorker()).publish(request(fresh, "split", 1, "users")).get();

        await().atMost(WAIT).until(() -> !ranOf(fresh).isEmpty());
        assertThat(ranOf(old))
                .as("the other group's worker ran it, this one did not")
                .hasSize(1);
    }

    private ConfigurableApplicationContext startWorker(String... args) {
        return startWorkerIn(group, args);
    }

    private ConfigurableApplicationContext startWorkerIn(String groupId, String... args) {
        var all = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + groupId,
                "--ferry.kafka.handled-steps-retention=1h"));
        all.addAll(Arrays.asList(args));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Worker.class)
                .web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
        workers.add(context);
        return context;
    }

    private static EventPublisher publisher(ConfigurableApplicationContext context) {
        return context.getBean(EventPublisher.class);
    }

    private static List<String> ranOf(String migrationId) {
        return ran.stream()
                .filter(entry -> entry.startsWith(migrationId + "/"))
                .map(entry -> entry.substring(migrationId.length() + 1))
                .toList();
    }

    private static PhaseStarted request(String migrationId, String phase, int attempt, String... services) {
        return PhaseStarted.newBuilder()
                .setMetadata(metadata.first(migrationId))
                .setPlanName("handled-steps")
                .setPhase(phase)
                .setAction(PhaseAction.SPLIT)
                .setAttempt(attempt)
                .setServices(Arrays.stream(services).map(ServiceWorks::of).toList())
                .build();
    }

    @SpringBootApplication
    static class Worker {

        private final EventPublisher publisher;
        private final MetadataFactory answers = MetadataFactory.forProducer("worker", Clock.systemUTC());

        Worker(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(topics = "phase.started")
        void on(PhaseStarted phase) throws Exception {
            String migrationId = phase.getMetadata().getMigrationId();
            for (ServiceWork work : phase.getServices()) {
                ran.add(migrationId + "/" + phase.getPhase() + "/" + work.getService() + "#" + phase.getAttempt());
                if (!work.getService().equals("silent")) {
                    publisher
                            .publish(StepSucceeded.newBuilder()
                                    .setMetadata(answers.causedBy(phase.getMetadata()))
                                    .setPhase(phase.getPhase())
                                    .setService(work.getService())
                                    .setAction(phase.getAction())
                                    .setAttempt(phase.getAttempt())
                                    .setOutputs(Map.of())
                                    .setDurationMillis(1L)
                                    .build())
                            .get();
                }
            }
        }
    }
}
