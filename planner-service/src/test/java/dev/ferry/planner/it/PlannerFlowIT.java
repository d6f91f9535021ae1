package dev.ferry.planner.it;

import static dev.ferry.planner.it.Bus.PEOPLE;
import static dev.ferry.planner.it.Bus.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.contracts.avro.ApprovePhase;
import dev.ferry.contracts.avro.CommandRejected;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PauseMigration;
import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.contracts.avro.PhaseCompleted;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RollbackService;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The planner on the real broker, its embedded PostgreSQL and Debezium, driving a run with stand-in workers. */
class PlannerFlowIT {

    static final String SHOP_PLAN = resource("/plans/shop.yaml");

    @TempDir
    Path data;

    @Test
    void runsAPlanThroughApprovalRetryAndRollbackPublishingEachEventOnce() throws Exception {
        try (var planner = ServiceBoot.start(PlannerApplication.class, "--ferry.planner.data-directory=" + data);
                var bus = new Bus("phase.started", "phase.completed", "migration.finished", "command.rejected")) {
            String id = UUID.randomUUID().toString();
            var workers = new Workers(bus, id, Set.of("build/cart"));
            bus.start(id, "shop", SHOP_PLAN, Map.of("sourceCommit", "a".repeat(40)));

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                workers.answer();
                return !started(bus, id, "deploy-prod", PhaseAction.GATE).isEmpty();
            });
            assertThat(started(bus, id, "deploy-prod", PhaseAction.DEPLOY)).isEmpty();
            assertThat(status(planner, id).path("phases").get(3).path("state").asText())
                    .isEqualTo("AWAITING_APPROVAL");

            // Results no running step asked for change nothing: prod "deployed" before anyone approved it, and a
            // late image of cart's first build attempt (its second attempt succeeded).
            String cartImage = cartsBuiltTag(planner, id);
            bus.publish(forgedDeploy(id, "deploy-prod", "cart", 1, "cart-evil"));
            bus.publish(forgedImage(id, "build", "cart", 1, "cart-evil"));
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(planner, "ferry_results_dropped_total") >= 2);
            assertThat(status(planner, id).path("phases").get(3).path("state").asText())
                    .isEqualTo("AWAITING_APPROVAL");
            assertThat(cartsBuiltTag(planner, id)).isEqualTo(cartImage).isNotEqualTo("cart-evil");
            assertThat(started(bus, id, "deploy-prod", PhaseAction.DEPLOY)).isEmpty();

            bus.publish(command(PEOPLE.first(id), new ApprovePhase("deploy-prod", "prod", null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                workers.answer();
                return !bus.seen(
                                MigrationFinished.class,
                                f -> isOf(f.getMetadata().getMigrationId(), id))
                        .isEmpty();
            });

            MigrationFinished finished = bus.seen(
                            MigrationFinished.class, f -> isOf(f.getMetadata().getMigrationId(), id))
                    .getFirst();
            assertThat(finished.getOutcome()).isEqualTo(MigrationOutcome.SUCCEEDED);
            assertThat(finished.getDeploySuccessRate()).isEqualTo(1.0);
            assertThat(finished.getServices()).hasSize(3).allSatisfy(service -> {
                assertThat(service.getDeploysSucceeded()).isEqualTo(2);
                assertThat(service.getLeadTimeMillis()).isNotNull().isPositive();
            });
            // Each service's step of each phase started once, but cart's build twice: once more after its retryable
            // failure.
            assertThat(servicesStarted(bus, id, "split")).containsExactlyInAnyOrder("cart", "orders", "web");
            assertThat(servicesStarted(bus, id, "build")).containsExactlyInAnyOrder("cart", "cart", "orders", "web");
            assertThat(servicesStarted(bus, id, "deploy-dev")).containsExactlyInAnyOrder("cart", "orders", "web");
            assertThat(servicesStarted(bus, id, "deploy-prod")).containsExactlyInAnyOrder("cart", "orders", "web");
            assertThat(servicesStarted(bus, id, "cutover")).containsExactlyInAnyOrder("cart", "orders", "web");
            assertThat(bus.seen(PhaseCompleted.class, p -> isOf(p.getMetadata().getMigrationId(), id)))
                    .extracting(PhaseCompleted::getPhase)
                    .containsExactlyInAnyOrder("split", "build", "deploy-dev", "deploy-prod", "cutover");

            ServiceWork deploy = work(bus, id, "deploy-dev", "cart");
            assertThat(deploy.getPrior().getImageTag()).isEqualTo("cart-b" + Integer.toHexString("cart".hashCode()));
            assertThat(deploy.getGitops().getFilePath()).isEqualTo("environments/dev/cart/values.yaml");
            assertThat(deploy.getSource().getCommit()).isEqualTo("a".repeat(40));
            assertThat(work(bus, id, "split", "web").getTarget().getRepository())
                    .isEqualTo("/targets/web.git");

            JsonNode status = status(planner, id);
            assertThat(status.path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(status.path("phases")
                            .get(1)
                            .path("steps")
                            .get(0)
                            .path("attempt")
                            .asInt())
                    .isEqualTo(2);

            // After the run: a rollback with nothing earlier is refused, one to a named tag runs.
            var refused = command(PEOPLE.first(id), new RollbackService("cart", "prod", null));
            bus.publish(refused);
            bus.publish(command(PEOPLE.first(id), new PauseMigration()));
            bus.publish(command(PEOPLE.first(id), new RollbackService("cart", "prod", "cart-old")));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                bus.poll();
                workers.answer();
                return !started(bus, id, "rollback-prod", PhaseAction.ROLLBACK).isEmpty()
                        && bus.seen(
                                                CommandRejected.class,
                                                r -> isOf(r.getMetadata().getMigrationId(), id))
                                        .size()
                                == 2;
            });
            assertThat(bus.seen(CommandRejected.class, r -> isOf(r.getMetadata().getMigrationId(), id)))
                    .extracting(CommandRejected::getReason)
                    .anySatisfy(reason -> assertThat(reason).contains("no earlier tag in prod"))
                    .anySatisfy(reason -> assertThat(reason).contains("only a running run can be paused"));
            assertThat(work(bus, id, "rollback-prod", "cart").getPrior().getDeployedTag())
                    .isEqualTo("cart-old");
        }
    }

    @Test
    void refusesAPlanWithProblemsNamingEachOneAndSendsUndecodableRecordsToTheDeadLetterTopic() throws Exception {
        try (var planner = ServiceBoot.start(PlannerApplication.class, "--ferry.planner.data-directory=" + data);
                var bus = new Bus("command.rejected")) {
            String id = UUID.randomUUID().toString();
            bus.start(id, "broken", SHOP_PLAN.replace("dependsOn: [split]", "dependsOn: [splt]"), Map.of());
            bus.publishBytes("repo.split", id + "/cart", "not avro".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                bus.poll();
                return !bus.seen(
                                        CommandRejected.class,
                                        r -> isOf(r.getMetadata().getMigrationId(), id))
                                .isEmpty()
                        && !bus.rawRecords("repo.split.dlq", id + "/cart").isEmpty();
            });
            CommandRejected rejected = bus.seen(
                            CommandRejected.class, r -> isOf(r.getMetadata().getMigrationId(), id))
                    .getFirst();
            assertThat(rejected.getCommandType()).isEqualTo("start");
            assertThat(rejected.getReason()).contains("broken.yaml:").contains("unknown phase \"splt\"");
            assertThat(status(planner, id)).isNull();
        }
    }

    static List<PhaseStarted> started(Bus bus, String id, String phase, PhaseAction action) {
        return bus.seen(
                PhaseStarted.class,
                p -> isOf(p.getMetadata().getMigrationId(), id)
                        && p.getPhase().equals(phase)
                        && p.getAction() == action);
    }

    static List<String> servicesStarted(Bus bus, String id, String phase) {
        return worksStarted(bus, id, phase).stream()
                .map(ServiceWork::getService)
                .toList();
    }

    static ServiceWork work(Bus bus, String id, String phase, String service) {
        return worksStarted(bus, id, phase).stream()
                .filter(w -> w.getService().equals(service))
                .findFirst()
                .orElseThrow();
    }

    /** Every service's work handed out by the run's phase.started records of this phase (approval requests aside). */
    private static List<ServiceWork> worksStarted(Bus bus, String id, String phase) {
        return bus
                .seen(
                        PhaseStarted.class,
                        p -> isOf(p.getMetadata().getMigrationId(), id)
                                && p.getPhase().equals(phase)
                                && p.getAction() != PhaseAction.GATE)
                .stream()
                .flatMap(p -> p.getServices().stream())
                .toList();
    }

    static boolean isOf(String migrationId, String id) {
        return migrationId.equals(id);
    }

    private static DeploySynced forgedDeploy(String id, String phase, String service, int attempt, String tag) {
        return DeploySynced.newBuilder()
                .setMetadata(Bus.WORKERS.first(id))
                .setPhase(phase)
                .setService(service)
                .setAttempt(attempt)
                .setEnvironment("prod")
                .setImageTag(tag)
                .setSyncStatus(SyncStatus.SYNCED)
                .setHealth(HealthStatus.HEALTHY)
                .setDurationMillis(1)
                .build();
    }

    private static ImagePushed forgedImage(String id, String phase, String service, int attempt, String tag) {
        return ImagePushed.newBuilder()
                .setMetadata(Bus.WORKERS.first(id))
                .setPhase(phase)
                .setService(service)
                .setAttempt(attempt)
                .setImageReference("evil.example/shop@sha256:" + "e".repeat(64))
                .setDigest("sha256:" + "e".repeat(64))
                .setTags(List.of(tag))
                .setSizeBytes(1)
                .setLayersUploaded(1)
                .setLayersReused(0)
                .setBytesUploaded(1)
                .setDurationMillis(1)
                .build();
    }

    /** The image tag the run recorded for cart's build (the shop plan's second phase, cart its first service). */
    private static String cartsBuiltTag(ConfigurableApplicationContext planner, String id)
            throws IOException, InterruptedException {
        return status(planner, id)
                .path("phases")
                .get(1)
                .path("steps")
                .get(0)
                .path("result")
                .path("imageTag")
                .asText();
    }

    /** A counter's value from the planner's Prometheus endpoint; 0 before it exists. */
    static double metric(ConfigurableApplicationContext planner, String name) throws IOException, InterruptedException {
        String port = planner.getEnvironment().getProperty("local.management.port");
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** GET /migrations/{id}, or null on 404. */
    static JsonNode status(ConfigurableApplicationContext planner, String id) throws IOException, InterruptedException {
        return get(planner, "/migrations/" + id);
    }

    /** GET a path of the planner's API as JSON, or null on 404. */
    static JsonNode get(ConfigurableApplicationContext planner, String path) throws IOException, InterruptedException {
        return get(planner, path, null);
    }

    /** GET a path of the planner's API as JSON with a bearer token (a planner that verifies identities), or null. */
    static JsonNode get(ConfigurableApplicationContext planner, String path, String token)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) planner).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            throw new IllegalStateException("the planner refused to show " + path + ": " + response.body());
        }
        return response.statusCode() == 404 ? null : new ObjectMapper().readTree(response.body());
    }

    static String resource(String name) {
        try (var in = PlannerFlowIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
