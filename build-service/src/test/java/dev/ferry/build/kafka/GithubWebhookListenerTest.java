package dev.ferry.build.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.domain.CiWait;
import dev.ferry.build.domain.CiWaits;
import dev.ferry.build.domain.job.WorkflowRunSignals;
import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.GithubWebhook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The listener's routing of {@code workflow_run} deliveries, called as Kafka calls it; the topic holds only deliveries
 * whose signature the webhook receiver verified, so there is no signature left to check here. A broker-backed IT (as
 * BuildServiceIT) would add only the listener container's wiring.
 */
class GithubWebhookListenerTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private final CiWaits<GithubActionsBuilds.Step> buildWaits = new CiWaits<>(Duration.ofHours(1));
    private final WorkflowRunSignals jobRuns = new WorkflowRunSignals();
    private final GithubWebhookListener listener = new GithubWebhookListener(
            new GithubActionsBuilds(
                    buildWaits,
                    new WaitFiles(Path.of("target", "no-waits-started")),
                    null,
                    null,
                    event -> {},
                    Duration.ofMinutes(30),
                    Set.of("github.com"),
                    Clock.systemUTC()),
            jobRuns);

    @Test
    void aCompletedRunTitledWithAJobsNameEndsThatJobsWait() throws InterruptedException {
        try (var watch = jobRuns.watch("acme/orders", "ferry-test-orders-1a2b3c4d-a1")) {
            listener.accept(delivery("completed", "ferry-test-orders-1a2b3c4d-a1"));

            assertThat(watch.awaitNews(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void aRunOfAnotherTitleOrNotYetCompletedEndsNoJobsWait() throws InterruptedException {
        try (var watch = jobRuns.watch("acme/orders", "ferry-test-orders-1a2b3c4d-a1")) {
            listener.accept(delivery("completed", "ferry-test-orders-1a2b3c4d-a2"));
            listener.accept(delivery("in_progress", "ferry-test-orders-1a2b3c4d-a1"));

            assertThat(watch.awaitNews(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void aCompletedRunStillReachesTheGithubActionsBuilder() {
        listener.accept(delivery("completed", "Build and push"));

        var wait = new CiWait<GithubActionsBuilds.Step>(
                "acme/orders", SHA, "build-push.yml", Instant.now().plusSeconds(60), null);
        assertThat(buildWaits.await(wait))
                .hasValueSatisfying(run -> assertThat(run.succeeded()).isTrue());
    }

    private static GithubWebhook delivery(String action, String title) {
        String payload = "{\"action\": \"" + action + "\", \"workflow_run\": {\"id\": 42, \"display_title\": \"" + title
                + "\", \"head_sha\": \"" + SHA + "\", \"path\": \".github/workflows/build-push.yml\","
                + " \"status\": \"" + action + "\", \"conclusion\": \"success\","
                + " \"html_url\": \"https://github.com/acme/orders/actions/runs/42\"}}";
        return GithubWebhook.newBuilder()
                .setMetadata(MetadataFactory.forProducer("webhook-receiver", Clock.systemUTC())
                        .first(""))
                .setEventType("workflow_run")
                .setDeliveryId(UUID.randomUUID().toString())
                .setRepository("acme/orders")
                .setHeadCommit(SHA)
                .setAction(action)
                .setPayload(payload)
                .build();
    }
}
