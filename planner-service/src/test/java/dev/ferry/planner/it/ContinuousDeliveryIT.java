package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.avro.GithubWebhook;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.MigrationOutcome;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.GithubDeliveries;
import dev.ferry.testsupport.ServiceBoot;
import java.net.URI;
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

/**
 * After a migration, a signed GitHub push to the default branch of a repository it created starts that service's
 * build and first deploy, from the new repository, as a run of its own; the delivery is published once.
 */
class ContinuousDeliveryIT {

    private static final String SECRET = "webhook-secret-for-tests";

    @TempDir
    Path data;

    @Test
    void aPushToAMigratedRepositoryBuildsAndDeploysThatServiceOnce() throws Exception {
        String plan = PlannerFlowIT.SHOP_PLAN
                .replace("      approval: required\n", "")
                .replace("repository: /targets/{service}.git", "repository: https://github.com/shop/{service}.git");
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        "--ferry.planner.github.webhook-secret=" + SECRET);
                var bus = new Bus("phase.started", "migration.finished", "github.webhooks")) {
            String id = UUID.randomUUID().toString();
            var workers = new Workers(bus, id, Set.of());
            bus.start(id, "shop", plan, Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                workers.answer();
                return !finished(bus, id).isEmpty();
            });

            int port = ((WebServerApplicationContext) planner).getWebServer().getPort();
            String delivery = UUID.randomUUID().toString();
            String body = PlannerFlowIT.resource("/github/push.json").replace("fitsync/user-service", "shop/cart");
            assertThat(post(port, delivery, body, "sha256=" + "0".repeat(64)).statusCode())
                    .isEqualTo(401);
            assertThat(post(port, delivery, body, sign(body)).statusCode()).isEqualTo(202);
            assertThat(post(port, delivery, body, sign(body)).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                bus.poll();
                deliveryRun(bus).ifPresent(run -> new Workers(bus, run, Set.of()).answer());
                return deliveryRun(bus)
                        .filter(run -> !finished(bus, run).isEmpty())
                        .isPresent();
            });
            String run = deliveryRun(bus).orElseThrow();
            assertThat(finished(bus, run)).singleElement().satisfies(f -> assertThat(f.getOutcome())
                    .isEqualTo(MigrationOutcome.SUCCEEDED));
            List<PhaseStarted> phases = bus.seen(
                    PhaseStarted.class, p -> p.getMetadata().getMigrationId().equals(run));
            assertThat(phases).extracting(PhaseStarted::getPhase).containsExactly("build", "deploy-dev");
            ServiceWork build = phases.getFirst().getServices().getFirst();
            assertThat(build.getService()).isEqualTo("cart");
            assertThat(build.getSource().getRepository()).isEqualTo("https://github.com/shop/cart.git");
            assertThat(build.getSource().getPath()).isEmpty();
            assertThat(build.getSource().getCommit()).isEqualTo("9f8c1d2a7b3e4c5d6e7f8091a2b3c4d5e6f70812");
            assertThat(phases.getFirst().getSettings())
                    .as("build-service builds the whole repository at the pushed commit, with no split before")
                    .containsEntry("context", "");
            assertThat(bus.seen(GithubWebhook.class, w -> w.getDeliveryId().equals(delivery)))
                    .singleElement()
                    .satisfies(w -> {
                        assertThat(w.getRepository()).isEqualTo("shop/cart");
                        assertThat(w.getRef()).isEqualTo("refs/heads/main");
                    });
        }
    }

    private static java.util.Optional<String> deliveryRun(Bus bus) {
        return bus.seen(PhaseStarted.class, p -> p.getPlanName().equals("shop-delivery-cart")).stream()
                .map(p -> p.getMetadata().getMigrationId())
                .findFirst();
    }

    private static List<MigrationFinished> finished(Bus bus, String id) {
        return bus.seen(
                MigrationFinished.class, f -> f.getMetadata().getMigrationId().equals(id));
    }

    private static HttpResponse<String> post(int port, String delivery, String body, String signature)
            throws Exception {
        return GithubDeliveries.post(
                URI.create("http://localhost:" + port + "/webhooks/github"), "push", delivery, body, signature);
    }

    private static String sign(String body) {
        return GithubDeliveries.signature(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }
}
